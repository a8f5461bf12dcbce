import { api } from '../../../lib/api-client';

/** Whether a username is free: answers { handle, available }. Asked before there is an account, so anonymous. */
export const getHandleAvailability = (handle, { signal } = {}) =>
  api.get(`/api/handles/${encodeURIComponent(handle)}`, { signal, withAuth: false });

/**
 * Claims another username for the signed-in account whose sign-up choice was taken before its first sign-in.
 * Answers the caller's Profile; 409 handle_taken when this one is taken too.
 */
export const claimHandle = (handle) => api.put('/api/users/me/handle', { handle });
