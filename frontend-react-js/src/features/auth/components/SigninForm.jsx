import { Link } from 'react-router';
import { FormError, FormField } from '../../../components/FormField';
import { paths } from '../../../config/paths';
import { useAuth } from '../../../lib/auth';
import { useAuthForm } from '../hooks/use-auth-form';
import { validateEmail } from '../validation';

const requirePassword = (password) => (password ? null : 'Enter your password.');

/**
 * Calls onSignedIn() when signed in, or onNeedsConfirmation(email) for an unconfirmed account (whose
 * confirmation then signs it in: lib/auth keeps the password in memory for it).
 */
export function SigninForm({ initialEmail = '', onSignedIn, onNeedsConfirmation }) {
  const { signIn } = useAuth();
  const form = useAuthForm({ email: initialEmail, password: '' }, { email: validateEmail, password: requirePassword });

  async function handleSignIn(values) {
    const email = values.email.trim();
    try {
      const result = await signIn({ email, password: values.password });
      if (result.nextStep?.signInStep === 'CONFIRM_SIGN_UP') onNeedsConfirmation(email);
      else if (result.isSignedIn) onSignedIn();
      else throw new Error('This account needs a sign-in step Cruddur does not support yet.');
    } catch (error) {
      if (error.name === 'UserNotConfirmedException') onNeedsConfirmation(email);
      else throw error;
    }
  }

  return (
    <form onSubmit={form.submit(handleSignIn)} noValidate>
      <FormField label="Email" type="email" autoComplete="email" {...form.bind('email')} />
      <FormField label="Password" type="password" autoComplete="current-password" {...form.bind('password')} />
      <FormError message={form.formError} />
      <button type="submit" className="button button-primary" disabled={form.submitting}>
        {form.submitting ? 'Signing in…' : 'Sign in'}
      </button>
      <p className="auth-links">
        <Link to={paths.forgot}>Forgot your password?</Link>
      </p>
    </form>
  );
}
