import { api } from '../../../lib/api-client';

export const presignAvatarUpload = ({ contentType, size }) =>
  api.post('/api/avatars/presign', { content_type: contentType, size });

/** Where one upload stands: { status: 'processing' | 'ready', avatar_url }. */
export const getAvatarUpload = (uploadId) => api.get(`/api/avatars/${encodeURIComponent(uploadId)}`);
