import { useRef, useState } from 'react';
import { createActivity } from '../api/activities';
import { describeMedia } from '../api/media';
import { useActivityCreated } from '../hooks/use-activity-created';
import { usePhotoStates, usePhotoUploads } from '../hooks/use-photo-uploads';
import { CRUD_MAX_LENGTH, PHOTO_TYPES, PHOTOS_PER_CRUD } from '../../../config/limits';
import { DEFAULT_TTL } from '../ttl';
import { filesIn, movePhoto, photosBlockingPost, removePhoto, updatePhoto } from '../photos';
import { MessageForm } from '../../../components/MessageForm';
import { PhotoAttachments } from './PhotoAttachments';
import { TtlPicker } from './TtlPicker';

export const EMPTY_CRUD_DRAFT = Object.freeze({ text: '', ttl: DEFAULT_TTL, photos: [] });

const releasePreviews = (photos) => photos.forEach((photo) => photo.previewUrl && URL.revokeObjectURL(photo.previewUrl));

/**
 * The message box, photos and expiry of a new crud. `draft` ({ text, ttl, photos }) and `onDraftChange`
 * (given the next draft or a function of the current one) let the owner keep what is written (ComposerDialog
 * keeps it per person); without them the composer keeps its own. Photos come from the Add photos button, a
 * drop or a paste, up to the limit; each uploads at once and Send waits until all are ready. After a
 * successful post the draft goes back to empty.
 */
export function CrudComposer({ onPosted, draft, onDraftChange }) {
  const [ownDraft, setOwnDraft] = useState(EMPTY_CRUD_DRAFT);
  const [problems, setProblems] = useState([]);
  const [dropping, setDropping] = useState(false);
  const fileInputRef = useRef(null);
  const addButtonRef = useRef(null);
  const activityCreated = useActivityCreated();
  const current = draft ?? ownDraft;
  const change = onDraftChange ?? setOwnDraft;
  const photos = current.photos ?? [];
  const changePhotos = (update) => change((latest) => ({ ...latest, photos: update(latest.photos ?? []) }));
  const addFiles = usePhotoUploads(photos, changePhotos);
  const states = usePhotoStates(photos);
  const full = photos.length >= PHOTOS_PER_CRUD;

  function add(files) {
    if (files.length > 0) setProblems(addFiles(files));
  }

  async function post(message) {
    // Alt text is sent once, at posting: until then it is the author's to change.
    await Promise.all(
      photos.map((photo, index) =>
        photo.alt.trim() === (states[index].media?.alt ?? '') ? null : describeMedia(photo.mediaUuid, photo.alt.trim()),
      ),
    );
    const media = photos.map((photo) => photo.mediaUuid);
    const activity = await createActivity({ message, ttl: current.ttl, media });
    releasePreviews(photos);
    change(EMPTY_CRUD_DRAFT);
    setProblems([]);
    activityCreated(activity);
    onPosted?.(activity);
  }

  const addPhotosButton = (
    <button
      ref={addButtonRef}
      type="button"
      className="button button-secondary"
      onClick={() => (full ? setProblems([`A crud has at most ${PHOTOS_PER_CRUD} photos.`]) : fileInputRef.current?.click())}
    >
      Add photos
    </button>
  );

  return (
    <div
      className={dropping ? 'crud-composer crud-composer-dropping' : 'crud-composer'}
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes('Files')) return;
        event.preventDefault(); // lets the drop happen
        setDropping(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setDropping(false);
      }}
      onDrop={(event) => {
        const files = filesIn(event.dataTransfer);
        if (files.length === 0) return;
        event.preventDefault();
        setDropping(false);
        add(files);
      }}
    >
      <MessageForm
        label="Message"
        placeholder="What's happening?"
        maxLength={CRUD_MAX_LENGTH}
        onSubmit={post}
        value={current.text}
        onValueChange={(text) => change((latest) => ({ ...latest, text }))}
        allowEmpty={photos.length > 0}
        blockedReason={photosBlockingPost(photos, states)}
        onPaste={(event) => {
          const files = filesIn(event.clipboardData);
          if (files.length === 0) return; // text: pasted as usual
          event.preventDefault();
          add(files);
        }}
        attachments={
          <PhotoAttachments
            photos={photos}
            states={states}
            onAltChange={(id, alt) => changePhotos((list) => updatePhoto(list, id, { alt }))}
            onMove={(id, offset) => changePhotos((list) => movePhoto(list, id, offset))}
            onRemove={(id) => {
              releasePreviews(photos.filter((photo) => photo.id === id));
              changePhotos((list) => removePhoto(list, id));
            }}
            onRemoved={() => addButtonRef.current?.focus()}
          />
        }
        extraFields={
          <>
            {addPhotosButton}
            <TtlPicker value={current.ttl} onChange={(ttl) => change((latest) => ({ ...latest, ttl }))} />
          </>
        }
        autoFocus
      />
      <input
        ref={fileInputRef}
        className="visually-hidden"
        type="file"
        multiple
        accept={PHOTO_TYPES.join(',')}
        aria-label="Choose photos"
        tabIndex={-1}
        onChange={(event) => {
          const files = [...event.target.files];
          event.target.value = ''; // so choosing the same file again is a change too
          add(files);
        }}
      />
      {problems.length > 0 && (
        <div className="crud-composer-problems" role="alert">
          {problems.map((problem) => (
            <p key={problem}>{problem}</p>
          ))}
        </div>
      )}
    </div>
  );
}
