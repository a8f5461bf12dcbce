import { api } from '../../../lib/api-client';

export const getNotifications = (cursor, limit = 20) =>
  api.get('/api/activities/notifications', { query: { limit, cursor } });

export const markNotificationsRead = () => api.post('/api/activities/notifications/read', {});

export const notificationKeys = {
  list: (viewer) => ['notifications', viewer, 'list'],
  unread: (viewer) => ['notifications', viewer, 'unread'],
};
