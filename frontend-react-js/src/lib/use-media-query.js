import { useSyncExternalStore } from 'react';

/** Whether the CSS media query matches now, kept in step as the window changes (false where matchMedia is missing). */
export function useMediaQuery(query) {
  return useSyncExternalStore(
    (onChange) => {
      if (typeof window.matchMedia !== 'function') return () => {};
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => typeof window.matchMedia === 'function' && window.matchMedia(query).matches,
    () => false,
  );
}

/** Below this width the Discover column (search, trending, suggested users) is not on screen: AppLayout.css. */
export const NARROW_LAYOUT = '(max-width: 899px)';
