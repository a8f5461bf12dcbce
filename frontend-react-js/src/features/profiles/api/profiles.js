import { api } from '../../../lib/api-client';

const encode = encodeURIComponent;

export const getProfileActivities = (handle, cursor) =>
  api.get(`/api/activities/@${encode(handle)}`, { query: { limit: 20, cursor } });

export const updateProfile = ({ displayName, bio }) =>
  api.post('/api/profile/update', { display_name: displayName, bio });

export function setFollowing(handle, on) {
  const path = `/api/users/@${encode(handle)}/follow`;
  return on ? api.post(path) : api.delete(path);
}
