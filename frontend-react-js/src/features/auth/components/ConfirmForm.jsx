import { useState } from 'react';
import { FormError, FormField } from '../../../components/FormField';
import { authErrorMessage, useAuth } from '../../../lib/auth';
import { useAuthForm } from '../hooks/use-auth-form';
import { validateEmail } from '../validation';

const requireCode = (code) => (code.trim() ? null : 'Enter the code we emailed you.');

/** Calls onConfirmed(email, signedIn): signedIn when confirming also signed the account in (lib/auth). */
export function ConfirmForm({ initialEmail, onConfirmed }) {
  const { confirmSignUp, resendSignUpCode } = useAuth();
  const [resendNote, setResendNote] = useState(null);
  const form = useAuthForm({ email: initialEmail, code: '' }, { email: validateEmail, code: requireCode });

  async function resend() {
    const emailError = validateEmail(form.values.email);
    if (emailError) {
      setResendNote(emailError);
      return;
    }
    try {
      await resendSignUpCode({ email: form.values.email.trim() });
      setResendNote('A new code is on its way.');
    } catch (error) {
      setResendNote(authErrorMessage(error));
    }
  }

  return (
    <form onSubmit={form.submit(async (values) => {
      const result = await confirmSignUp({ email: values.email.trim(), code: values.code.trim() });
      onConfirmed(values.email.trim(), Boolean(result?.signedIn));
    })} noValidate>
      <FormField label="Email" type="email" autoComplete="email" {...form.bind('email')} />
      <FormField label="Confirmation code" inputMode="numeric" autoComplete="one-time-code" {...form.bind('code')} />
      <FormError message={form.formError} />
      <button type="submit" className="button button-primary" disabled={form.submitting}>
        {form.submitting ? 'Confirming…' : 'Confirm email'}
      </button>
      <p className="auth-links">
        <button type="button" className="button-link" onClick={resend}>
          Send a new code
        </button>
        {resendNote && <span role="status">{resendNote}</span>}
      </p>
    </form>
  );
}
