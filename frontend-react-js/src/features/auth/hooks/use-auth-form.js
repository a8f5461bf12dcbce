import { useState } from 'react';
import { authErrorMessage } from '../../../lib/auth';
import { validateFields } from '../validation';

/**
 * Shared state of the sign-up/sign-in/confirm/reset/choose-username forms: values, per-field errors from the
 * validators (and from the API, when its error names a field), a form-wide error, and a submitting flag.
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

  /** Validates, then runs `action(values)`; its errors (Cognito's or the API's) become the form error. */
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
      setFieldErrors(error.fieldErrors || {});
      setFormError(authErrorMessage(error));
    } finally {
      setSubmitting(false);
    }
  };

  return { values, setValues, bind, submit, formError, submitting };
}
