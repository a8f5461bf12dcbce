import { api } from '../../../lib/api-client';

const PAGE_SIZE = 20;
const encode = encodeURIComponent;

export const getFeed = (feed, cursor) => api.get(`/api/activities/${feed}`, { query: { limit: PAGE_SIZE, cursor } });

export const getStatus = (handle, uuid, cursor) =>
  api.get(`/api/activities/@${encode(handle)}/status/${encode(uuid)}`, { query: { limit: PAGE_SIZE, cursor } });

export const searchActivities = (term, cursor) =>
  api.get('/api/activities/search', { query: { term, limit: PAGE_SIZE, cursor } });

export const createActivity = ({ message, ttl }) => api.post('/api/activities', { message, ttl });

export const replyToActivity = (uuid, message) => api.post(`/api/activities/${encode(uuid)}/reply`, { message });

export const deleteActivity = (uuid) => api.delete(`/api/activities/${encode(uuid)}`);

/** Likes and reposts are idempotent toggles: POST turns on, DELETE turns off. */
export function setReaction(uuid, reaction, on) {
  const path = `/api/activities/${encode(uuid)}/${reaction}`;
  return on ? api.post(path) : api.delete(path);
}
