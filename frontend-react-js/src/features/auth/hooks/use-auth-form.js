import { useState } from 'react';
import { authErrorMessage } from '../../../lib/auth';
import { validateFields } from '../validation';

/**
 * Shared state of the sign-up/sign-in/confirm/reset forms: values, per-field errors from the validators,
 * a form-wide error from Cognito, and a submitting flag.
 */
export function useAuthForm(initialValues, validators) {
  const [values, setValues] = useState(initialValues);
  const [fieldErrors, setFieldErrors] = useState({});
  const [formError, setFormError] = useState(null);
  const [submitting, setSubmitting] = useState(false);

  const bind = (field) => ({
    name: field,
    value: values[field],
    onChange: (event) => setValues((current) => ({ ...current, [field]: event.target.value })),
    error: fieldErrors[field],
  });

  /** Validates, then runs `action(values)`; Cognito errors become the form error. */
  const submit = (action) => async (event) => {
    event.preventDefault();
    const errors = validateFields(values, validators);
    setFieldErrors(errors);
    if (Object.keys(errors).length) return;
    setSubmitting(true);
    setFormError(null);
    try {
      await action(values);
    } catch (error) {
      setFormError(authErrorMessage(error));
    } finally {
      setSubmitting(false);
    }
  };

  return { values, setValues, bind, submit, formError, submitting };
}
