import { api } from '../../../lib/api-client';

export const presignAvatarUpload = ({ contentType, size }) =>
  api.post('/api/avatars/presign', { content_type: contentType, size });

export const getMyProfile = () => api.get('/api/users/me');
