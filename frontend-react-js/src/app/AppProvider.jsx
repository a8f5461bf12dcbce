import { useEffect, useState } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { RuntimeConfigContext } from '../config/runtime-config';
import { AuthProvider } from '../lib/auth';
import { ToastProvider } from '../lib/toast';
import { startErrorReporting } from '../lib/error-reporting';
import { createQueryClient } from '../lib/query-client';
import { StreamProvider } from '../features/realtime/components/StreamProvider';
import { ConnectionBanner } from './ConnectionBanner';
import { useRuntimeConfigLoader } from './use-runtime-config-loader';

// What pages read of the config before /api/config has answered: nothing is known yet.
const NOT_LOADED = Object.freeze({});

/**
 * Holds the app's one QueryClient, the cache of everything read from the API (kept current by the real-time
 * stream while someone is signed in), and loads /api/config (Cognito's settings). The app's frame shows at
 * once: until the config is in, the session counts as being checked (so nothing that needs it is fetched)
 * and, when the API cannot be reached, a banner says so while it is asked again on its own.
 */
export function AppProvider({ children }) {
  const [queryClient] = useState(createQueryClient);
  const { config, error, retryNow } = useRuntimeConfigLoader();

  useEffect(() => {
    if (!config) return undefined;
    return startErrorReporting({ token: config.rollbar_client_token, environment: config.environment });
  }, [config]);

  return (
    <RuntimeConfigContext.Provider value={config ?? NOT_LOADED}>
      <QueryClientProvider client={queryClient}>
        <ToastProvider>
          <AuthProvider configured={config !== null} onSignedOut={() => queryClient.clear()}>
            <StreamProvider>
              <ConnectionBanner unreachable={error !== null} onRetry={retryNow} />
              {children}
            </StreamProvider>
          </AuthProvider>
        </ToastProvider>
      </QueryClientProvider>
    </RuntimeConfigContext.Provider>
  );
}
