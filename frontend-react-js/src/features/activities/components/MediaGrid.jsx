import { useState } from 'react';
import { altOf } from '../photos';
import { PhotoViewer } from './PhotoViewer';
import './MediaGrid.css';

// A single photo keeps its shape within these bounds (wide panoramas and tall screenshots are cropped).
const MIN_RATIO = 3 / 4;
const MAX_RATIO = 2;
const singleRatio = ({ width, height }) => (width && height ? Math.min(MAX_RATIO, Math.max(MIN_RATIO, width / height)) : 16 / 9);

/**
 * A crud's 1 to 4 photos (the ready ones) as a grid whose size is known before any image loads (from the
 * Media's width and height), each a button that opens the viewer at that photo. `lazy` leaves loading to
 * the browser until the grid nears the screen (cruds below the fold).
 */
export function MediaGrid({ media, lazy = true }) {
  const photos = media.filter((photo) => photo.status === 'ready' && photo.url);
  const [openAt, setOpenAt] = useState(null);
  if (photos.length === 0) return null;
  const style = photos.length === 1 ? { aspectRatio: singleRatio(photos[0]) } : undefined;
  return (
    <>
      <div className={`media-grid media-grid-${photos.length}`} style={style}>
        {photos.map((photo, index) => (
          <button
            key={photo.uuid}
            type="button"
            className="media-grid-cell"
            aria-haspopup="dialog"
            onClick={() => setOpenAt(index)}
          >
            <img
              src={photo.preview_url}
              alt={altOf(photo)}
              width={photo.width ?? undefined}
              height={photo.height ?? undefined}
              loading={lazy ? 'lazy' : 'eager'}
              decoding="async"
            />
          </button>
        ))}
      </div>
      <PhotoViewer photos={photos} index={openAt} onIndexChange={setOpenAt} onClose={() => setOpenAt(null)} />
    </>
  );
}
