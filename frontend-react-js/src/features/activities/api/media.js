import { api } from '../../../lib/api-client';

const encode = encodeURIComponent;

/** The form to post one photo to S3 with: { media_uuid, url, fields, key, expires_in }. */
export const presignPhotoUpload = ({ contentType, size }) =>
  api.post('/api/media/presign', { content_type: contentType, size });

/** One photo: { uuid, status: 'processing' | 'ready' | 'failed', preview_url, width, height, alt, reason }. */
export const getMedia = (uuid) => api.get(`/api/media/${encode(uuid)}`);

export const describeMedia = (uuid, alt) => api.put(`/api/media/${encode(uuid)}`, { alt });

export const mediaKeys = { one: (uuid) => ['media', uuid] };
