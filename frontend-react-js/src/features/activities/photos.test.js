import { describe, expect, it } from 'vitest';
import { PHOTO_MAX_BYTES } from '../../config/limits';
import {
  choosePhotoFiles,
  keptPhotos,
  movePhoto,
  newPhoto,
  photoFileProblem,
  photosBlockingPost,
  photoState,
  restoredPhotos,
} from './photos';

const file = (name, type = 'image/png', size = 100) => ({ name, type, size });
const sent = (id, alt = '') => ({ ...newPhoto(id, `blob:${id}`), mediaUuid: `m-${id}`, progress: 1, upload: 'sent', alt });

describe('photoFileProblem', () => {
  it('takes JPEG, PNG and WebP up to the shared limit', () => {
    for (const type of ['image/jpeg', 'image/png', 'image/webp']) expect(photoFileProblem(file('a', type))).toBeNull();
    expect(photoFileProblem(file('big.png', 'image/png', PHOTO_MAX_BYTES))).toBeNull();
  });

  it('names the file it refuses and says why', () => {
    expect(photoFileProblem(file('a.gif', 'image/gif'))).toBe('a.gif is not a JPEG, PNG or WebP photo.');
    expect(photoFileProblem(file('e.png', 'image/png', 0))).toBe('e.png is empty.');
    expect(photoFileProblem(file('b.png', 'image/png', PHOTO_MAX_BYTES + 1))).toBe('b.png is over 10 MB.');
  });
});

describe('choosePhotoFiles', () => {
  it('takes files while there is room for them (4 a crud) and says what was left out, once', () => {
    const { accepted, problems } = choosePhotoFiles([sent('1')], ['a', 'b', 'c', 'd', 'e'].map((name) => file(name)));
    expect(accepted.map((chosen) => chosen.name)).toEqual(['a', 'b', 'c']);
    expect(problems).toEqual(['A crud has at most 4 photos.']);
  });

  it('leaves out files that are not photos without taking their room', () => {
    const { accepted, problems } = choosePhotoFiles([], [file('notes.txt', 'text/plain'), file('a')]);
    expect(accepted.map((chosen) => chosen.name)).toEqual(['a']);
    expect(problems).toEqual(['notes.txt is not a JPEG, PNG or WebP photo.']);
  });
});

describe('movePhoto', () => {
  const photos = [sent('1'), sent('2'), sent('3')];
  const order = (list) => list.map((photo) => photo.id);

  it('moves a photo one place earlier or later', () => {
    expect(order(movePhoto(photos, '3', -1))).toEqual(['1', '3', '2']);
    expect(order(movePhoto(photos, '1', 1))).toEqual(['2', '1', '3']);
  });

  it('keeps the order when the photo is already at that end', () => {
    expect(movePhoto(photos, '1', -1)).toBe(photos);
    expect(movePhoto(photos, '3', 1)).toBe(photos);
  });
});

describe('photoState and photosBlockingPost', () => {
  const uploading = newPhoto('u', 'blob:u');

  it('is uploading until S3 has it and the API was asked, then as the Media says', () => {
    expect(photoState(uploading, undefined).state).toBe('uploading');
    expect(photoState(sent('1'), undefined).state).toBe('uploading');
    expect(photoState(sent('1'), { status: 'processing' }).state).toBe('processing');
    expect(photoState(sent('1'), { status: 'ready' }).state).toBe('ready');
  });

  it("gives the processor's reason for a failed photo, the upload's for one S3 refused", () => {
    expect(photoState(sent('1'), { status: 'failed', reason: 'it is not an image' })).toEqual({ state: 'failed', reason: 'it is not an image' });
    expect(photoState({ ...uploading, upload: 'failed', error: 'No network' })).toEqual({ state: 'failed', reason: 'No network' });
    expect(photoState(sent('1'), null).reason).toMatch(/no longer available/);
  });

  it('holds posting back while a photo is on its way, cannot be used, or has too long a description', () => {
    const ready = { state: 'ready' };
    expect(photosBlockingPost([sent('1')], [ready])).toBeNull();
    expect(photosBlockingPost([sent('1'), sent('2')], [ready, { state: 'processing' }])).toBe('Your photos are still on their way…');
    expect(photosBlockingPost([sent('1')], [{ state: 'failed' }])).toBe("Remove the photo that can't be used to post.");
    expect(photosBlockingPost([sent('1', 'x'.repeat(1501))], [ready])).toBe('Alt text is at most 1500 characters.');
    // Code points, as the API counts them: 1500 emoji are 1500 characters.
    expect(photosBlockingPost([sent('1', '📷'.repeat(1500))], [ready])).toBeNull();
  });
});

describe('keptPhotos and restoredPhotos', () => {
  it('keeps the uploaded photos and their alt text, in order, and restores them as uploaded', () => {
    const kept = keptPhotos([sent('1', 'A cat'), newPhoto('u', 'blob:u'), sent('2')]);
    expect(kept).toEqual([
      { mediaUuid: 'm-1', alt: 'A cat' },
      { mediaUuid: 'm-2', alt: '' },
    ]);
    const restored = restoredPhotos(JSON.parse(JSON.stringify(kept)));
    expect(restored.map(({ mediaUuid, alt, upload, previewUrl }) => ({ mediaUuid, alt, upload, previewUrl }))).toEqual([
      { mediaUuid: 'm-1', alt: 'A cat', upload: 'sent', previewUrl: null },
      { mediaUuid: 'm-2', alt: '', upload: 'sent', previewUrl: null },
    ]);
  });

  it('restores nothing from a kept draft that is not a list of photos', () => {
    expect(restoredPhotos(undefined)).toEqual([]);
    expect(restoredPhotos([{ alt: 'no uuid' }, 'x'])).toEqual([]);
  });
});
