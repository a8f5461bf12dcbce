import { useEffect, useId, useRef, useState } from 'react';
import { ALT_TEXT_MAX_LENGTH } from '../../../config/limits';
import { countCharacters } from '../../../lib/text-length';
import { altTooLong } from '../photos';
import './PhotoAttachments.css';

const STATE_TEXT = { uploading: 'Uploading…', processing: 'Processing…', ready: 'Ready' };

function PhotoTile({ photo, state, position, total, onAltChange, onMove, onRemove }) {
  const altId = useId();
  const hintId = useId();
  const name = `photo ${position}`;
  const source = photo.previewUrl ?? state.media?.preview_url;
  const altLength = countCharacters(photo.alt);
  return (
    <li className="photo-tile" data-photo-id={photo.id}>
      <div className="photo-tile-preview">
        {source ? (
          <img src={source} alt={photo.alt.trim() || `Photo ${position}, no alt text yet`} />
        ) : (
          <span className="photo-tile-placeholder" aria-hidden="true" />
        )}
      </div>
      <div className="photo-tile-details">
        {state.state === 'uploading' && photo.upload === 'sending' ? (
          <progress max={1} value={photo.progress} aria-label={`Uploading ${name}`} />
        ) : null}
        {state.state === 'failed' ? (
          <p className="photo-tile-failed" role="alert">
            Photo {position} can&apos;t be used: {state.reason}
          </p>
        ) : (
          <p className="photo-tile-state">{STATE_TEXT[state.state]}</p>
        )}
        <label htmlFor={altId} className="photo-tile-alt-label">
          Alt text for {name}
        </label>
        <textarea
          id={altId}
          rows={2}
          value={photo.alt}
          onChange={(event) => onAltChange(event.target.value)}
          aria-describedby={hintId}
          aria-invalid={altTooLong(photo.alt) || undefined}
          placeholder="Describe the photo for people who can't see it"
        />
        <p id={hintId} className={altTooLong(photo.alt) ? 'photo-tile-hint photo-tile-hint-over' : 'photo-tile-hint'}>
          {photo.alt.trim()
            ? `${altLength} / ${ALT_TEXT_MAX_LENGTH}`
            : 'No alt text yet: people using screen readers will not know what this photo shows.'}
        </p>
        <div className="photo-tile-actions">
          <button
            type="button"
            className="button button-secondary"
            data-action="earlier"
            aria-label={`Move ${name} earlier`}
            disabled={position === 1}
            onClick={() => onMove(-1)}
          >
            ←
          </button>
          <button
            type="button"
            className="button button-secondary"
            data-action="later"
            aria-label={`Move ${name} later`}
            disabled={position === total}
            onClick={() => onMove(1)}
          >
            →
          </button>
          <button type="button" className="button button-secondary" data-action="remove" aria-label={`Remove ${name}`} onClick={onRemove}>
            Remove
          </button>
        </div>
      </div>
    </li>
  );
}

/**
 * The photos of the crud being written, in posting order: each with its progress or state (the reason when
 * it cannot be used), its alt text, and buttons to move it earlier or later or remove it. The focus stays
 * on the button that was used (on the other move button when the photo reached an end), and a moved or
 * removed photo is announced.
 */
export function PhotoAttachments({ photos, states, onAltChange, onMove, onRemove, onRemoved }) {
  const listRef = useRef(null);
  // The button to focus once the list has been drawn in its new order (a moved element loses the focus).
  const focusAfterRef = useRef(null);
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    const focusAfter = focusAfterRef.current;
    if (!focusAfter) return;
    focusAfterRef.current = null;
    const tile = listRef.current?.querySelector(`[data-photo-id="${focusAfter.id}"]`);
    const button = tile?.querySelector(`[data-action="${focusAfter.action}"]`);
    const other = tile?.querySelector(`[data-action="${focusAfter.action === 'earlier' ? 'later' : 'earlier'}"]`);
    (button && !button.disabled ? button : other)?.focus();
  });

  function move(photo, offset) {
    const to = photos.indexOf(photo) + offset + 1;
    onMove(photo.id, offset);
    focusAfterRef.current = { id: photo.id, action: offset < 0 ? 'earlier' : 'later' };
    setAnnouncement(`Photo moved to position ${to} of ${photos.length}.`);
  }

  function remove(photo, position) {
    onRemove(photo.id);
    setAnnouncement(`Photo ${position} removed.`);
    onRemoved();
  }

  return (
    <>
      {photos.length > 0 && (
        <ol className="photo-attachments" aria-label="Photos" ref={listRef}>
          {photos.map((photo, index) => (
            <PhotoTile
              key={photo.id}
              photo={photo}
              state={states[index]}
              position={index + 1}
              total={photos.length}
              onAltChange={(alt) => onAltChange(photo.id, alt)}
              onMove={(offset) => move(photo, offset)}
              onRemove={() => remove(photo, index + 1)}
            />
          ))}
        </ol>
      )}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </>
  );
}
