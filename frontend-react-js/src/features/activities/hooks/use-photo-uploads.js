import { useQueries } from '@tanstack/react-query';
import { useCallback } from 'react';
import { postToS3 } from '../../../lib/s3-upload';
import { getMedia, mediaKeys, presignPhotoUpload } from '../api/media';
import { choosePhotoFiles, newPhoto, photoState, updatePhoto } from '../photos';

// How often a processing photo is asked after: processing usually takes a second or two.
const POLL_MILLISECONDS = 1000;

let lastId = 0;
const nextId = () => `photo-${(lastId += 1)}`;

/**
 * Sends photos as they are added: a presigned form from the API (POST /api/media/presign), then the file
 * straight to S3 with its progress. `changePhotos(update)` changes the composer's list (update: photos =>
 * photos), so an upload carries on while the composer is closed. Answers addFiles(files), which returns the
 * sentences saying why any file was left out.
 */
export function usePhotoUploads(photos, changePhotos) {
  const addFiles = useCallback(
    (files) => {
      const { accepted, problems } = choosePhotoFiles(photos, files);
      for (const file of accepted) {
        const photo = newPhoto(nextId(), URL.createObjectURL(file));
        changePhotos((current) => [...current, photo]);
        const change = (update) => changePhotos((current) => updatePhoto(current, photo.id, update));
        presignPhotoUpload({ contentType: file.type, size: file.size })
          .then((form) => {
            change({ mediaUuid: form.media_uuid });
            return postToS3(form, file, (progress) => change({ progress }));
          })
          .then(() => change({ progress: 1, upload: 'sent' }))
          .catch((error) => change({ upload: 'failed', error: error.message }));
      }
      return problems;
    },
    [photos, changePhotos],
  );
  return addFiles;
}

/**
 * Each photo's state (photoState) from its Media, asked of the API (GET /api/media/{uuid}) once it is
 * uploaded and again every second while it is processing.
 */
export function usePhotoStates(photos) {
  const answers = useQueries({
    queries: photos.map((photo) => ({
      queryKey: mediaKeys.one(photo.mediaUuid),
      queryFn: () =>
        getMedia(photo.mediaUuid).catch((error) => {
          if (error.status === 404) return null; // gone: over a day old, or never ours
          throw error;
        }),
      enabled: photo.upload === 'sent',
      // Asked again while processing, and after a failed ask (offline, the API down): a photo is never left
      // looking as if it were still uploading.
      refetchInterval: (query) =>
        query.state.data?.status === 'processing' || query.state.status === 'error' ? POLL_MILLISECONDS : false,
      staleTime: Infinity,
    })),
  });
  return photos.map((photo, index) => ({ ...photoState(photo, answers[index].data), media: answers[index].data }));
}
