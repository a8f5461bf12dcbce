export const NETWORK_ERROR_MESSAGE = "Can't reach Cruddur right now. Check your connection and try again.";

// One error type for every failed API call: a summary message, all messages, and messages per form field.
export class ApiError extends Error {
  constructor({ status, errors = [], message, retryAfterMs = null }) {
    const messages = errors.map((error) => error.message).filter(Boolean);
    super(message || messages[0] || `Something went wrong (HTTP ${status}).`);
    this.name = 'ApiError';
    this.status = status;
    this.code = errors[0]?.code ?? null;
    // From a 429 or 503's Retry-After header: how long the server asks us to wait before asking again.
    this.retryAfterMs = retryAfterMs;
    this.messages = messages.length ? messages : [this.message];
    this.fieldErrors = {};
    for (const error of errors) {
      if (error.field && !this.fieldErrors[error.field]) this.fieldErrors[error.field] = error.message;
    }
  }
}

// Endpoints the backend has not built yet answer 404/405/501; pages show "coming soon" for them.
export function isNotBuiltYet(error) {
  return error instanceof ApiError && [404, 405, 501].includes(error.status);
}

// Whether asking again could give a different answer: a network failure (status 0), a timeout, rate limiting
// or a server error. Any other 4xx (a malformed id, a missing crud, a refused action) answers the same again.
export function isRetryable(error) {
  if (!(error instanceof ApiError)) return true;
  return error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500;
}

// The answers that mean "there is no such thing here": not found, gone, or an id that cannot name anything.
export function isNotFound(error) {
  return error instanceof ApiError && (error.status === 404 || error.status === 410 || error.code === 'invalid_uuid');
}
