import { useId, useState } from 'react';
import { FormError } from './FormField';
import { CharacterCounter } from './CharacterCounter';
import { countCharacters, isPostable } from '../lib/text-length';
import './MessageForm.css';

/**
 * A textarea with a live counter and a Send button, shared by the composer, replies and direct messages.
 * `onSubmit(message)` may throw an ApiError; its field error for "message" shows under the textarea.
 * `extraFields` renders more controls (the composer's ttl picker) next to the counter.
 * `autoFocus` focuses the textarea when the form mounts, on a page or in a Dialog.
 * `value` and `onValueChange` make the text controlled (a kept draft): the owner then empties it after a post.
 * `attachments` renders under the textarea (the composer's photos); with `allowEmpty` the text may be empty
 * (a crud of photos alone); `blockedReason`, when set, holds Send back and says why; `onPaste` sees pastes.
 */
export function MessageForm({
  label,
  placeholder,
  maxLength,
  onSubmit,
  extraFields,
  autoFocus,
  submitLabel = 'Send',
  value,
  onValueChange,
  attachments,
  allowEmpty = false,
  blockedReason = null,
  onPaste,
}) {
  const [ownText, setOwnText] = useState('');
  const controlled = value !== undefined;
  const text = controlled ? value : ownText;
  const setText = controlled ? onValueChange : setOwnText;
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState(null);
  const textareaId = useId();
  const counterId = useId();
  const blockedId = useId();
  const sendable =
    !blockedReason && (allowEmpty ? countCharacters(text) <= maxLength : isPostable(text, maxLength));

  async function handleSubmit(event) {
    event.preventDefault();
    if (!sendable || submitting) return;
    setSubmitting(true);
    setError(null);
    try {
      await onSubmit(text.trim());
      if (!controlled) setText('');
    } catch (submitError) {
      setError(submitError);
    } finally {
      setSubmitting(false);
    }
  }

  const fieldError = error?.fieldErrors?.message;
  const otherErrors = error && !fieldError ? error.message : null;

  return (
    <form className="message-form" onSubmit={handleSubmit}>
      <label htmlFor={textareaId} className="message-form-label">
        {label}
      </label>
      <textarea
        id={textareaId}
        value={text}
        placeholder={placeholder}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          // Ctrl/Cmd+Enter sends, as in most chat and post boxes.
          if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) handleSubmit(event);
        }}
        onPaste={onPaste}
        aria-describedby={counterId}
        aria-invalid={fieldError ? true : undefined}
        rows={3}
        autoFocus={autoFocus}
        // In a Dialog the mount comes before showModal(), which would take the focus; the Dialog gives it here.
        data-autofocus={autoFocus || undefined}
      />
      {fieldError && <p className="field-error">{fieldError}</p>}
      {attachments}
      <div className="message-form-footer">
        {extraFields}
        <CharacterCounter id={counterId} text={text} max={maxLength} />
        {blockedReason && (
          <p id={blockedId} className="message-form-blocked">
            {blockedReason}
          </p>
        )}
        <button
          type="submit"
          className="button button-primary"
          disabled={!sendable || submitting}
          aria-describedby={blockedReason ? blockedId : undefined}
        >
          {submitting ? 'Sending…' : submitLabel}
        </button>
      </div>
      <FormError message={otherErrors} />
    </form>
  );
}
