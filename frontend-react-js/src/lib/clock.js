import { useSyncExternalStore } from 'react';

// One clock for the whole page: a single one-second timer while anything shows a time that moves ("5m",
// "29m left"), none when nothing does. Every time on screen reads it, not a timer of its own.
const TICK_MILLISECONDS = 1000;
const listeners = new Set();
let timer = null;

function subscribe(listener) {
  listeners.add(listener);
  if (timer === null) timer = setInterval(() => listeners.forEach((notify) => notify()), TICK_MILLISECONDS);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/**
 * `show(now)` kept up to date with the shared clock. It must answer a string, number or boolean: React
 * renders again only when the answer changes, so "5m" re-renders once a minute however often the clock ticks.
 */
export function useClock(show) {
  return useSyncExternalStore(subscribe, () => show(Date.now()), () => show(Date.now()));
}

/** How many timers the clock runs (0 or 1): for tests. */
export const runningTimers = () => (timer === null ? 0 : 1);
