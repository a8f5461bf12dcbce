import { QueryClient } from '@tanstack/react-query';
import { isRetryable } from './api-error';

// A list seen in the last 30 s is shown as is when a page mounts again or the window regains the focus;
// older, it is shown at once and refreshed in the background.
export const STALE_MS = 30_000;
const MAX_RETRIES = 3;
const MAX_RETRY_DELAY_MS = 30_000;

/** Retries only what asking again can change (network, 408, 429, 5xx): a 4xx answers the same every time. */
export function shouldRetry(failureCount, error) {
  return failureCount < MAX_RETRIES && isRetryable(error);
}

/** Waits as long as a 429 or 503 asks (Retry-After), otherwise 1 s, 2 s, 4 s … up to 30 s. */
export function retryDelay(failureIndex, error) {
  if (error?.retryAfterMs != null) return Math.min(error.retryAfterMs, MAX_RETRY_DELAY_MS);
  return Math.min(1000 * 2 ** failureIndex, MAX_RETRY_DELAY_MS);
}

/**
 * The one QueryClient of the app (made in AppProvider). Tests make their own, with `queries` overrides
 * (no retries, so a failure shows at once).
 */
export function createQueryClient({ queries } = {}) {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: STALE_MS,
        retry: shouldRetry,
        retryDelay,
        refetchOnWindowFocus: true,
        refetchOnReconnect: true,
        ...queries,
      },
      // A write is never repeated behind the person's back: its failure is shown and rolled back.
      mutations: { retry: false },
    },
  });
}
