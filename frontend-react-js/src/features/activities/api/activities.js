import { api } from '../../../lib/api-client';

const PAGE_SIZE = 20;
const encode = encodeURIComponent;

export const getFeed = (feed, cursor) => api.get(`/api/activities/${feed}`, { query: { limit: PAGE_SIZE, cursor } });

export const getStatus = (handle, uuid, cursor) =>
  api.get(`/api/activities/@${encode(handle)}/status/${encode(uuid)}`, { query: { limit: PAGE_SIZE, cursor } });

export const searchActivities = (term, cursor) =>
  api.get('/api/activities/search', { query: { term, limit: PAGE_SIZE, cursor } });

/** `media`: the uuids of ready photos, in the order to show them (may be left out for none). */
export const createActivity = ({ message, ttl, media = [] }) =>
  api.post('/api/activities', media.length > 0 ? { message, ttl, media } : { message, ttl });

export const replyToActivity = (uuid, message) => api.post(`/api/activities/${encode(uuid)}/reply`, { message });

export const deleteActivity = (uuid) => api.delete(`/api/activities/${encode(uuid)}`);

/** Likes and reposts are idempotent toggles: POST turns on, DELETE turns off. */
export function setReaction(uuid, reaction, on) {
  const path = `/api/activities/${encode(uuid)}/${reaction}`;
  return on ? api.post(path) : api.delete(path);
}

/**
 * Query keys of every list of cruds, all under ['activities', viewer] so that a change to one crud (a like,
 * a new display name, its expiry) can be made in every cached list at once.
 */
export const activityKeys = {
  all: ['activities'],
  viewer: (viewer) => ['activities', viewer],
  feed: (viewer, feed) => ['activities', viewer, 'feed', feed],
  profile: (viewer, handle) => ['activities', viewer, 'profile', handle],
  status: (viewer, handle, uuid) => ['activities', viewer, 'status', handle, uuid],
  search: (viewer, term) => ['activities', viewer, 'search', term],
};
