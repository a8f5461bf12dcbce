import { api } from '../../../lib/api-client';

export const getNotifications = (cursor) => api.get('/api/activities/notifications', { query: { limit: 20, cursor } });

export const markNotificationsRead = () => api.post('/api/activities/notifications/read', {});
