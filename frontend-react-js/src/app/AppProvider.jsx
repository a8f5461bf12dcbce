import { useEffect, useState } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { loadRuntimeConfig, RuntimeConfigContext } from '../config/runtime-config';
import { ErrorState, LoadingState } from '../components/States';
import { AuthProvider, configureAuth } from '../lib/auth';
import { ToastProvider } from '../lib/toast';
import { startErrorReporting } from '../lib/error-reporting';
import { createQueryClient } from '../lib/query-client';

/**
 * Loads /api/config and configures Cognito before anything that needs auth renders; holds the app's one
 * QueryClient, the cache of everything read from the API.
 */
export function AppProvider({ children }) {
  const [queryClient] = useState(createQueryClient);
  const [state, setState] = useState({ status: 'loading', config: null, error: null });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    let stopReporting = () => {};
    loadRuntimeConfig().then(
      (config) => {
        if (cancelled) return;
        configureAuth(config);
        stopReporting = startErrorReporting({ token: config.rollbar_client_token, environment: config.environment });
        setState({ status: 'ready', config, error: null });
      },
      (error) => {
        if (!cancelled) setState({ status: 'error', config: null, error });
      },
    );
    return () => {
      cancelled = true;
      stopReporting();
    };
  }, [attempt]);

  if (state.status !== 'ready') {
    return (
      <div className="splash">
        {state.status === 'loading' ? (
          <LoadingState label="Starting Cruddur…" />
        ) : (
          <ErrorState
            error={state.error}
            onRetry={() => {
              setState({ status: 'loading', config: null, error: null });
              setAttempt((count) => count + 1);
            }}
          />
        )}
      </div>
    );
  }

  return (
    <RuntimeConfigContext.Provider value={state.config}>
      <QueryClientProvider client={queryClient}>
        <ToastProvider>
          <AuthProvider onSignedOut={() => queryClient.clear()}>{children}</AuthProvider>
        </ToastProvider>
      </QueryClientProvider>
    </RuntimeConfigContext.Provider>
  );
}
