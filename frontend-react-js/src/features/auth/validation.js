import { DISPLAY_NAME_MAX_LENGTH, HANDLE_PATTERN } from '../../config/limits';

// Client-side checks that mirror Cognito's and the API's rules, so mistakes show before a round trip.

export function validateHandle(handle) {
  if (!handle) return 'Choose a username.';
  if (!HANDLE_PATTERN.test(handle)) return 'Use 3 to 20 lowercase letters, numbers or underscores.';
  return null;
}

export function validateEmail(email) {
  if (!email) return 'Enter your email.';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return 'Enter a valid email address.';
  return null;
}

export function validatePassword(password) {
  if (!password) return 'Enter a password.';
  if (password.length < 8) return 'Use at least 8 characters.';
  return null;
}

export function validateName(name) {
  const length = name.trim().length;
  if (length === 0) return 'Enter your name.';
  if (length > DISPLAY_NAME_MAX_LENGTH) return `Use at most ${DISPLAY_NAME_MAX_LENGTH} characters.`;
  return null;
}

/** Runs each field's validator; returns { field: message } for the failing ones. */
export function validateFields(values, validators) {
  const errors = {};
  for (const [field, validate] of Object.entries(validators)) {
    const message = validate(values[field]);
    if (message) errors[field] = message;
  }
  return errors;
}
