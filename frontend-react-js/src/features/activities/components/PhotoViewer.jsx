import { useEffect } from 'react';
import { Dialog } from '../../../components/Dialog';
import { altOf } from '../photos';
import './MediaGrid.css';

/**
 * A crud's photos one at a time, full size, in a modal: ← and → (or the buttons) go to the previous and next
 * (round from the last to the first), Escape or Close closes it and the focus goes back to the photo that
 * opened it (the Dialog does that). `index` is the photo shown, null when closed.
 */
export function PhotoViewer({ photos, index, onIndexChange, onClose }) {
  const open = index !== null;
  const count = photos.length;

  useEffect(() => {
    if (!open || count < 2) return undefined;
    function step(event) {
      const offset = { ArrowLeft: -1, ArrowRight: 1 }[event.key];
      if (!offset || event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      onIndexChange((current) => (current + offset + count) % count);
    }
    window.addEventListener('keydown', step);
    return () => window.removeEventListener('keydown', step);
  }, [open, count, onIndexChange]);

  const photo = open ? photos[Math.min(index, count - 1)] : null;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={open ? `Photo ${index + 1} of ${count}` : 'Photo'}
      className="photo-viewer-dialog"
    >
      {photo && (
        <figure className="photo-viewer">
          <img src={photo.url} alt={altOf(photo)} width={photo.width ?? undefined} height={photo.height ?? undefined} />
          {photo.alt?.trim() && <figcaption>{photo.alt}</figcaption>}
          {count > 1 && (
            <div className="photo-viewer-nav">
              <button
                type="button"
                className="button button-secondary"
                aria-label="Previous photo"
                onClick={() => onIndexChange((current) => (current - 1 + count) % count)}
              >
                ← Previous
              </button>
              <button
                type="button"
                className="button button-secondary"
                aria-label="Next photo"
                data-autofocus
                onClick={() => onIndexChange((current) => (current + 1) % count)}
              >
                Next →
              </button>
            </div>
          )}
        </figure>
      )}
    </Dialog>
  );
}
