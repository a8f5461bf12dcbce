import { useEffect, useId, useRef } from 'react';
import { CloseIcon } from './Icons';
import './Dialog.css';

/**
 * A modal built on <dialog>: focus trapping, Escape and the backdrop come from the browser.
 * The field marked `data-autofocus` in `children` gets the focus when the dialog opens.
 */
export function Dialog({ open, onClose, title, children }) {
  const dialogRef = useRef(null);
  // What had the focus before the dialog opened gets it back when it closes (Escape, Close, or done).
  const returnFocusRef = useRef(null);
  // Several dialogs can be on one page (the composer and Edit profile), each named by its own title.
  const titleId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (open && !dialog.open) {
      returnFocusRef.current = document.activeElement;
      dialog.showModal();
      // React's autoFocus ran while the children mounted, when the dialog was still closed and hidden, and
      // showModal() focuses the first focusable element, the Close button; so focus the marked field here.
      dialog.querySelector('[data-autofocus]')?.focus();
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
      className="dialog"
      aria-labelledby={titleId}
      onClose={onClose}
      onClick={(event) => event.target === dialogRef.current && onClose()}
    >
      <header className="dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          <CloseIcon />
        </button>
      </header>
      {open && children}
    </dialog>
  );
}
