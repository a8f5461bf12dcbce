import { useEffect, useRef } from 'react';

export const POLL_INTERVAL_MS = 3000;

/**
 * While `enabled`, fetches the newest page every few seconds and hands its messages to `onPage`, so the other
 * person's messages appear without a reload. The next poll waits for the previous one; a failed poll is
 * retried on the next tick (the page already shows what it has).
 */
export function useNewMessages(fetchNewest, onPage, enabled, intervalMs = POLL_INTERVAL_MS) {
  const latest = useRef({ fetchNewest, onPage });
  useEffect(() => {
    latest.current = { fetchNewest, onPage };
  });

  useEffect(() => {
    if (!enabled) return undefined;
    let stopped = false;
    let timer;
    const tick = async () => {
      try {
        const page = await latest.current.fetchNewest();
        if (!stopped) latest.current.onPage(page.items || []);
      } catch {
        // Offline for a moment, say: the next tick tries again.
      }
      if (!stopped) timer = setTimeout(tick, intervalMs);
    };
    timer = setTimeout(tick, intervalMs);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [enabled, intervalMs]);
}
