import { FormError, FormField } from '../../../components/FormField';
import { useAuth } from '../../../lib/auth';
import { useAuthForm } from '../hooks/use-auth-form';
import { validateEmail, validatePassword } from '../validation';

const requireCode = (code) => (code.trim() ? null : 'Enter the code we emailed you.');

/** Step 1: ask Cognito to email a reset code. */
export function RequestResetForm({ onCodeSent }) {
  const { resetPassword } = useAuth();
  const form = useAuthForm({ email: '' }, { email: validateEmail });
  return (
    <form onSubmit={form.submit(async ({ email }) => {
      await resetPassword({ email: email.trim() });
      onCodeSent(email.trim());
    })} noValidate>
      <FormField label="Email" type="email" autoComplete="email" {...form.bind('email')} />
      <FormError message={form.formError} />
      <button type="submit" className="button button-primary" disabled={form.submitting}>
        {form.submitting ? 'Sending…' : 'Send reset code'}
      </button>
    </form>
  );
}

/** Step 2: the code and the new password. */
export function ConfirmResetForm({ email, onReset }) {
  const { confirmResetPassword } = useAuth();
  const form = useAuthForm({ code: '', newPassword: '' }, { code: requireCode, newPassword: validatePassword });
  return (
    <form onSubmit={form.submit(async ({ code, newPassword }) => {
      await confirmResetPassword({ email, code: code.trim(), newPassword });
      onReset();
    })} noValidate>
      <p className="form-note">We sent a code to {email}.</p>
      <FormField label="Confirmation code" inputMode="numeric" autoComplete="one-time-code" {...form.bind('code')} />
      <FormField label="New password" type="password" autoComplete="new-password" {...form.bind('newPassword')} />
      <FormError message={form.formError} />
      <button type="submit" className="button button-primary" disabled={form.submitting}>
        {form.submitting ? 'Saving…' : 'Set new password'}
      </button>
    </form>
  );
}
