// The photos of a crud being written, as plain data the composer keeps in its draft. Each is
// { id, previewUrl, mediaUuid, progress, upload: 'sending' | 'sent' | 'failed', error, alt }: `previewUrl` is the
// local file's (blob:) until the page is left, `mediaUuid` the API's name for it once presigned.
import { countCharacters } from '../../lib/text-length';
import { ALT_TEXT_MAX_LENGTH, PHOTO_MAX_BYTES, PHOTO_TYPES, PHOTOS_PER_CRUD } from '../../config/limits';

const MEGABYTES = PHOTO_MAX_BYTES / 2 ** 20;

/** Why `file` cannot be a photo, or null when it can (what POST /api/media/presign accepts). */
export function photoFileProblem(file) {
  if (!PHOTO_TYPES.includes(file.type)) return `${file.name} is not a JPEG, PNG or WebP photo.`;
  if (file.size === 0) return `${file.name} is empty.`;
  if (file.size > PHOTO_MAX_BYTES) return `${file.name} is over ${MEGABYTES} MB.`;
  return null;
}

/**
 * Which of `files` can join `photos`: the acceptable ones while there is room for them, and a sentence for
 * each one left out.
 */
export function choosePhotoFiles(photos, files) {
  const accepted = [];
  const problems = [];
  for (const file of files) {
    const problem = photoFileProblem(file);
    if (problem) problems.push(problem);
    else if (photos.length + accepted.length >= PHOTOS_PER_CRUD) problems.push(`A crud has at most ${PHOTOS_PER_CRUD} photos.`);
    else accepted.push(file);
  }
  return { accepted, problems: [...new Set(problems)] };
}

export const newPhoto = (id, previewUrl) => ({ id, previewUrl, mediaUuid: null, progress: 0, upload: 'sending', error: null, alt: '' });

/** `photos` with the one named `id` moved `offset` places (-1 earlier, 1 later), kept in bounds. */
export function movePhoto(photos, id, offset) {
  const from = photos.findIndex((photo) => photo.id === id);
  const to = from + offset;
  if (from < 0 || to < 0 || to >= photos.length) return photos;
  const moved = [...photos];
  moved.splice(to, 0, ...moved.splice(from, 1));
  return moved;
}

export const updatePhoto = (photos, id, change) => photos.map((photo) => (photo.id === id ? { ...photo, ...change } : photo));

export const removePhoto = (photos, id) => photos.filter((photo) => photo.id !== id);

/**
 * Where a photo stands, from its upload and the API's Media (`media`, undefined until asked; null when the
 * API no longer knows it): { state: 'uploading' | 'processing' | 'ready' | 'failed', reason }.
 */
export function photoState(photo, media) {
  if (photo.upload === 'failed') return { state: 'failed', reason: photo.error };
  if (photo.upload === 'sending' || media === undefined) return { state: 'uploading', reason: null };
  if (media === null) return { state: 'failed', reason: 'it is no longer available (photos wait a day to be posted)' };
  if (media.status === 'failed') return { state: 'failed', reason: media.reason || 'it could not be processed' };
  return { state: media.status, reason: null };
}

export const altTooLong = (alt) => countCharacters(alt) > ALT_TEXT_MAX_LENGTH;

/** Why the crud cannot be posted yet because of its photos (`states` as photoState gives them), or null. */
export function photosBlockingPost(photos, states) {
  if (states.some(({ state }) => state === 'failed')) return "Remove the photo that can't be used to post.";
  if (states.some(({ state }) => state !== 'ready')) return 'Your photos are still on their way…';
  if (photos.some((photo) => altTooLong(photo.alt))) return `Alt text is at most ${ALT_TEXT_MAX_LENGTH} characters.`;
  return null;
}

/** What of the photos a kept draft holds: the uploaded ones (their local previews do not outlive the page). */
export const keptPhotos = (photos) =>
  photos.filter((photo) => photo.mediaUuid && photo.upload === 'sent').map(({ mediaUuid, alt }) => ({ mediaUuid, alt }));

/** The photos of a draft kept by keptPhotos, as the composer holds them (their previews come from the API). */
export const restoredPhotos = (kept) =>
  (Array.isArray(kept) ? kept : [])
    .filter((photo) => typeof photo?.mediaUuid === 'string')
    .slice(0, PHOTOS_PER_CRUD)
    .map(({ mediaUuid, alt }) => ({ ...newPhoto(mediaUuid, null), mediaUuid, progress: 1, upload: 'sent', alt: typeof alt === 'string' ? alt : '' }));

/** The files a paste or a drop carries (text and links are left to the textarea). */
export const filesIn = (dataTransfer) => [...(dataTransfer?.files ?? [])];

/** What a posted photo says to someone who cannot see it: the author's alt text, or that there is none. */
export const altOf = (media) => media.alt?.trim() || 'Photo without a description';
