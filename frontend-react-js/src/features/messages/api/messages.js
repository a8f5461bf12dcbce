import { api } from '../../../lib/api-client';

export const getMessageGroups = (cursor) => api.get('/api/message_groups', { query: { limit: 20, cursor } });

export const getMessages = (messageGroupUuid, cursor) =>
  api.get(`/api/messages/${encodeURIComponent(messageGroupUuid)}`, { query: { limit: 50, cursor } });

/** One of the signed-in person's conversations, naming the other member; 404 when it is not theirs. */
export const getMessageGroup = (messageGroupUuid) => api.get(`/api/message_groups/${encodeURIComponent(messageGroupUuid)}`);

/** Marks a conversation read (and the notification of its new messages). */
export const markMessageGroupRead = (messageGroupUuid) =>
  api.post(`/api/message_groups/${encodeURIComponent(messageGroupUuid)}/read`, {});

/** The signed-in person's conversation with `handle`; 404 when they have none yet. */
export const getMessageGroupWith = (handle) => api.get(`/api/message_groups/@${encodeURIComponent(handle)}`);

/** `to` is { handle } for a new conversation or { message_group_uuid } for an existing one. */
export const sendMessage = (message, to) => api.post('/api/messages', { message, ...to });

export const getRecipient = (handle) => api.get(`/api/users/@${encodeURIComponent(handle)}/short`, { withAuth: false });

export const messageKeys = {
  groups: (viewer) => ['messages', viewer, 'groups'],
  group: (viewer, messageGroupUuid) => ['messages', viewer, 'group', messageGroupUuid],
  thread: (viewer, messageGroupUuid) => ['messages', viewer, 'thread', messageGroupUuid],
  recipient: (viewer, handle) => ['messages', viewer, 'recipient', handle],
};
