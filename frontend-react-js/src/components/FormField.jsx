import { useId } from 'react';

/**
 * A visibly labelled input with its error (from the client or the server) announced next to it.
 * `liveMessage` ({ text, tone: 'good' | 'bad' | 'neutral' }) is news about the value while it is typed (a
 * username's availability, say): screen readers announce it politely, and a bad one marks the input invalid.
 * Its region is rendered from the start, even empty, because a live region that appears with its text
 * is not announced.
 */
export function FormField({ label, error, hint, liveMessage, as: Control = 'input', ...inputProps }) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const liveId = `${id}-live`;
  const liveText = liveMessage?.text;
  const describedBy = [hint && hintId, liveText && liveId, error && errorId].filter(Boolean).join(' ') || undefined;
  const invalid = Boolean(error) || liveMessage?.tone === 'bad';
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <Control id={id} aria-invalid={invalid || undefined} aria-describedby={describedBy} {...inputProps} />
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {liveMessage !== undefined && (
        <p id={liveId} className={`field-live field-live-${liveMessage?.tone || 'neutral'}`} aria-live="polite">
          {liveText}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** The form-wide error line (errors that belong to no field). */
export function FormError({ message }) {
  if (!message) return null;
  return (
    <p className="form-error" role="alert">
      {message}
    </p>
  );
}
