import { useCallback, useEffect, useState } from 'react';
import { loadRuntimeConfig } from '../config/runtime-config';
import { configureAuth } from '../lib/auth';
import { retryDelay } from '../lib/query-client';

/**
 * Loads /api/config (Cognito's ids and endpoints) without holding the app up: while the API cannot answer,
 * `error` says so and it is asked again on its own — after the server's Retry-After when it sends one, else
 * after 1 s, 2 s, 4 s … up to 30 s — and at once when the browser comes back online or `retryNow` is called.
 * Cognito is configured before `config` is set, so the session is checked only once it can be.
 */
export function useRuntimeConfigLoader(load = loadRuntimeConfig) {
  const [state, setState] = useState({ config: null, error: null, failures: 0 });
  const [attempt, setAttempt] = useState(0);
  const retryNow = useCallback(() => setAttempt((count) => count + 1), []);

  useEffect(() => {
    let cancelled = false;
    load().then(
      (config) => {
        if (cancelled) return;
        configureAuth(config);
        setState({ config, error: null, failures: 0 });
      },
      (error) => {
        if (!cancelled) setState((current) => ({ config: null, error, failures: current.failures + 1 }));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [attempt, load]);

  const { error, failures } = state;
  useEffect(() => {
    if (!error) return undefined;
    const timer = setTimeout(retryNow, retryDelay(failures - 1, error));
    window.addEventListener('online', retryNow);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('online', retryNow);
    };
  }, [error, failures, retryNow]);

  return { config: state.config, error, retryNow };
}
