import { api } from '../../../lib/api-client';

export const getTrends = () => api.get('/api/trends', { query: { limit: 5 } });

export const getSuggestedUsers = () => api.get('/api/users/suggested', { query: { limit: 5 } });

export const searchUsers = (term) => api.get('/api/users/search', { query: { term, limit: 10 } });

export const discoveryKeys = {
  trends: ['trends'],
  suggested: (viewer) => ['users', viewer, 'suggested'],
  people: (viewer, term) => ['users', viewer, 'search', term],
};
