import { FormError, FormField } from '../../../components/FormField';
import { useAuth } from '../../../lib/auth';
import { useAuthForm } from '../hooks/use-auth-form';
import { validateEmail, validateHandle, validateName, validatePassword } from '../validation';

export function SignupForm({ onSignedUp }) {
  const { signUp } = useAuth();
  const form = useAuthForm(
    { name: '', email: '', handle: '', password: '' },
    { name: validateName, email: validateEmail, handle: validateHandle, password: validatePassword },
  );

  return (
    <form onSubmit={form.submit(async (values) => {
      await signUp({ ...values, name: values.name.trim(), email: values.email.trim() });
      onSignedUp(values.email.trim());
    })} noValidate>
      <FormField label="Name" autoComplete="name" {...form.bind('name')} />
      <FormField label="Email" type="email" autoComplete="email" {...form.bind('email')} />
      <FormField
        label="Username"
        autoComplete="username"
        autoCapitalize="none"
        hint="3–20 lowercase letters, numbers or underscores. People find you as @username."
        {...form.bind('handle')}
      />
      <FormField label="Password" type="password" autoComplete="new-password" {...form.bind('password')} />
      <FormError message={form.formError} />
      <button type="submit" className="button button-primary" disabled={form.submitting}>
        {form.submitting ? 'Signing up…' : 'Sign up'}
      </button>
    </form>
  );
}
