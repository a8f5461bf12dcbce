import { useEffect, useId, useRef, useState } from 'react';
import { Dialog } from '../../../components/Dialog';
import { clearDraft, loadDraft, saveDraft } from '../../../lib/drafts';
import { TTL_OPTIONS } from '../ttl';
import { keptPhotos, restoredPhotos } from '../photos';
import { CrudComposer, EMPTY_CRUD_DRAFT } from './CrudComposer';
import './ComposerDialog.css';

/**
 * The draft to open with: the kept one of the person `key` names. Photos still uploading since the last
 * opening (`current`, when it was the same person's) are carried on; kept photos come back by their uuids.
 */
function restoreDraft(key, current) {
  const kept = loadDraft(key);
  const photos = current.key === key ? current.photos : restoredPhotos(kept?.photos);
  if (!kept) return { ...EMPTY_CRUD_DRAFT, photos, key };
  const ttl = TTL_OPTIONS.some((option) => option.value === kept.ttl) ? kept.ttl : EMPTY_CRUD_DRAFT.ttl;
  return { text: kept.text, ttl, photos, key };
}

const hasContent = (draft) => Boolean(draft.text.trim()) || draft.photos.length > 0;

/** Asked when a person closes the composer with text in it. Its first button has the focus. */
function KeepDraftPrompt({ onKeep, onDiscard }) {
  const keepRef = useRef(null);
  const titleId = useId();
  const textId = useId();
  useEffect(() => keepRef.current?.focus(), []);
  return (
    <div className="keep-draft-prompt" role="alertdialog" aria-labelledby={titleId} aria-describedby={textId}>
      <h3 id={titleId}>Keep this draft?</h3>
      <p id={textId}>Your crud is not posted yet. Keep it to finish later on this device, or discard it.</p>
      <div className="keep-draft-prompt-actions">
        <button ref={keepRef} type="button" className="button button-primary" onClick={onKeep}>
          Keep draft
        </button>
        <button type="button" className="button button-secondary" onClick={onDiscard}>
          Discard
        </button>
      </div>
    </div>
  );
}

/**
 * The "New crud" dialog. What is written (the chosen expiry, the uploaded photos and their alt text) is kept
 * under `draftKey` as it is written, so it survives closing and reloading; it is restored on each opening and
 * cleared only by a successful post or by choosing Discard. Closing with text or photos in it (Escape, the
 * backdrop, Close) asks Keep draft / Discard; asked again (Escape, the backdrop, Close), the answer is Keep.
 */
export function ComposerDialog({ open, onClose, onPosted, draftKey }) {
  const [draft, setDraft] = useState(EMPTY_CRUD_DRAFT);
  const [asking, setAsking] = useState(false);
  const [wasOpen, setWasOpen] = useState(false);
  // Each opening starts from the kept draft of whoever is signed in now.
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setDraft((current) => restoreDraft(draftKey, current));
      setAsking(false);
    }
  }

  // `next` is the next draft or a function of the current one: an upload finishing changes the draft
  // while the person types. Saving inside the update is safe to repeat (it writes the same draft).
  function changeDraft(next) {
    setDraft((current) => {
      const value = { ...(typeof next === 'function' ? next(current) : next), key: draftKey };
      const photos = keptPhotos(value.photos);
      saveDraft(draftKey, photos.length > 0 ? { text: value.text, ttl: value.ttl, photos } : { text: value.text, ttl: value.ttl });
      return value;
    });
  }

  function keep() {
    setAsking(false);
    onClose();
  }

  function discard() {
    clearDraft(draftKey);
    setDraft({ ...EMPTY_CRUD_DRAFT, key: draftKey });
    setAsking(false);
    onClose();
  }

  function requestClose() {
    if (asking) keep();
    else if (hasContent(draft)) setAsking(true);
    else discard();
  }

  return (
    <Dialog open={open} onClose={onClose} onRequestClose={requestClose} title="New crud">
      {asking ? (
        <KeepDraftPrompt onKeep={keep} onDiscard={discard} />
      ) : (
        <CrudComposer draft={draft} onDraftChange={changeDraft} onPosted={onPosted} />
      )}
    </Dialog>
  );
}
