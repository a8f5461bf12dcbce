import { FormError, FormField } from '../../../components/FormField';
import { useAuth } from '../../../lib/auth';
import { useAuthForm } from '../hooks/use-auth-form';
import { handleTakenMessage, useHandleAvailability } from '../hooks/use-handle-availability';
import { validateEmail, validateHandle, validateName, validatePassword } from '../validation';
import { HandleField } from './HandleField';

export function SignupForm({ onSignedUp }) {
  const { signUp } = useAuth();
  const form = useAuthForm(
    { name: '', email: '', handle: '', password: '' },
    { name: validateName, email: validateEmail, handle: validateHandle, password: validatePassword },
  );
  const handleAvailability = useHandleAvailability(form.values.handle);

  async function signUpWithFreeHandle(values) {
    // Cognito would take any username: an account made with a taken one could not be used until it chose again.
    if ((await handleAvailability.confirm()) === 'taken') throw new Error(handleTakenMessage(values.handle));
    await signUp({ ...values, name: values.name.trim(), email: values.email.trim() });
    onSignedUp(values.email.trim());
  }

  return (
    <form onSubmit={form.submit(signUpWithFreeHandle)} noValidate>
      <FormField label="Name" autoComplete="name" {...form.bind('name')} />
      <FormField label="Email" type="email" autoComplete="email" {...form.bind('email')} />
      <HandleField availabilityStatus={handleAvailability.status} {...form.bind('handle')} />
      <FormField label="Password" type="password" autoComplete="new-password" {...form.bind('password')} />
      <FormError message={form.formError} />
      <button type="submit" className="button button-primary" disabled={form.submitting}>
        {form.submitting ? 'Signing up…' : 'Sign up'}
      </button>
    </form>
  );
}
