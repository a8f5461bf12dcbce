import { useEffect, useId, useRef } from 'react';
import { CloseIcon } from './Icons';
import './Dialog.css';

/**
 * A modal built on <dialog>: focus trapping, Escape and the backdrop come from the browser.
 * The field marked `data-autofocus` in `children` gets the focus when the dialog opens.
 * `onRequestClose`, if given, is called instead of closing when the person asks to close (Escape, the backdrop,
 * the Close button), so the owner can ask first (an unsent draft); `onClose` is called whenever it did close.
 * `className` is added to the dialog's own (a wider one for the photo viewer).
 */
export function Dialog({ open, onClose, onRequestClose, title, children, className }) {
  const dialogRef = useRef(null);
  // What had the focus before the dialog opened gets it back when it closes (Escape, Close, or done).
  const returnFocusRef = useRef(null);
  // Several dialogs can be on one page (the composer and Edit profile), each named by its own title.
  const titleId = useId();
  const requestClose = onRequestClose ?? onClose;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (open && !dialog.open) {
      returnFocusRef.current = document.activeElement;
      dialog.showModal();
      // React's autoFocus ran while the children mounted, when the dialog was still closed and hidden, and
      // showModal() focuses the first focusable element, the Close button; so focus the marked field here.
      const field = dialog.querySelector('[data-autofocus]');
      field?.focus();
      // A restored draft is carried on, not typed before: the caret goes after its text.
      if (field?.tagName === 'TEXTAREA') field.setSelectionRange(field.value.length, field.value.length);
    }
    if (!open && dialog.open) dialog.close();
    if (!open && returnFocusRef.current) {
      const returnTo = returnFocusRef.current;
      returnFocusRef.current = null;
      if (returnTo.isConnected) returnTo.focus();
    }
  }, [open]);

  return (
    <dialog
      ref={dialogRef}
      className={className ? `dialog ${className}` : 'dialog'}
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Escape. Chromium lets a page hold a dialog open only once per user activation; when it does not,
        // the dialog closes anyway (and onClose runs), so only ask when the browser lets us.
        if (onRequestClose && event.cancelable) {
          event.preventDefault();
          onRequestClose();
        }
      }}
      onClose={onClose}
      onClick={(event) => event.target === dialogRef.current && requestClose()}
    >
      <header className="dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={requestClose}>
          <CloseIcon />
        </button>
      </header>
      {open && children}
    </dialog>
  );
}
