export const NETWORK_ERROR_MESSAGE = "Can't reach Cruddur right now. Check your connection and try again.";

// One error type for every failed API call: a summary message, all messages, and messages per form field.
export class ApiError extends Error {
  constructor({ status, errors = [], message }) {
    const messages = errors.map((error) => error.message).filter(Boolean);
    super(message || messages[0] || `Something went wrong (HTTP ${status}).`);
    this.name = 'ApiError';
    this.status = status;
    this.code = errors[0]?.code ?? null;
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
