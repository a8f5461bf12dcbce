import { QueryClientProvider } from '@tanstack/react-query';
import { AuthContext } from '../lib/auth';
import { createQueryClient } from '../lib/query-client';
import { ToastProvider } from '../lib/toast';

export const signedOut = { status: 'signedOut', user: null, refreshUser: async () => null };

export const signedInAs = (user) => ({
  status: 'signedIn',
  user: { id: `id-${user.handle}`, displayName: user.displayName ?? user.handle, avatarUrl: null, ...user },
  refreshUser: async () => null,
});

/** The app's QueryClient settings, without retries (a failed request shows its failure at once). */
export const createTestQueryClient = () => createQueryClient({ queries: { retry: false } });

/**
 * What AppProvider gives every page, for render(..., { wrapper }): a QueryClient of the test's own, toasts,
 * and a session (Amplify is not started: `auth` is the AuthContext value).
 */
export function testProviders({ auth = signedOut, queryClient = createTestQueryClient() } = {}) {
  return function TestProviders({ children }) {
    return (
      <QueryClientProvider client={queryClient}>
        <ToastProvider>
          <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>
        </ToastProvider>
      </QueryClientProvider>
    );
  };
}
