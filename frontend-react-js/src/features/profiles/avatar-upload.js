import { getAvatarUpload, presignAvatarUpload } from './api/avatars';
import { AVATAR_MAX_BYTES, AVATAR_TYPES } from '../../config/limits';
import { postToS3 } from '../../lib/s3-upload';

/** Why this file cannot be an avatar, or null when it can (what POST /api/avatars/presign accepts, checked
 * here first so a wrong file fails at once). */
export function avatarFileProblem(file) {
  if (!AVATAR_TYPES.includes(file.type)) return 'Choose a JPEG, PNG or WebP picture.';
  if (file.size === 0) return 'That file is empty.';
  if (file.size > AVATAR_MAX_BYTES) return `Choose a picture of at most ${AVATAR_MAX_BYTES / 2 ** 20} MB.`;
  return null;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// The API says why in the handler's words ("it is damaged or cut short").
const refusedMessage = (reason) => `That picture can't be used${reason ? `: ${reason}` : ''}. Choose another one.`;

// Offline, rate limited or the API briefly down: the next poll may well get through.
const worthAskingAgain = (error) => error.status === 0 || error.status === 429 || error.status >= 500;

/**
 * Asks after one upload until it is processed into the caller's avatar (in the background, usually within
 * seconds). Answers the new avatar_url, or null if it was still processing at the last attempt; throws with
 * the reason when the picture was refused.
 */
export async function waitForAvatarReady(uploadId, { attempts = 20, intervalMs = 1000 } = {}) {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    await sleep(intervalMs);
    let upload;
    try {
      upload = await getAvatarUpload(uploadId);
    } catch (error) {
      if (!worthAskingAgain(error)) throw error;
      continue;
    }
    if (upload.status === 'ready') return upload.avatar_url;
    if (upload.status === 'failed') throw new Error(refusedMessage(upload.reason));
  }
  return null;
}

/**
 * The whole journey of a new picture: a presigned form from the API, the file straight to S3, then the
 * upload's own state until it is processed. onUploaded is called when S3 has the file. Answers the new
 * avatar_url, or null when it is still being processed.
 */
export async function uploadAvatar(file, { onProgress, onUploaded, ...pollOptions }) {
  const form = await presignAvatarUpload({ contentType: file.type, size: file.size });
  await postToS3(form, file, onProgress);
  onUploaded();
  return waitForAvatarReady(form.upload_id, pollOptions);
}
