import { createContext, useContext } from 'react';
import { api } from '../lib/api-client';

// One build serves every environment: Cognito ids and endpoints come from the API at start-up.
export function loadRuntimeConfig() {
  return api.get('/api/config', { withAuth: false });
}

export const RuntimeConfigContext = createContext(null);

export function useRuntimeConfig() {
  return useContext(RuntimeConfigContext);
}
