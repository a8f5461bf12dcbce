import { useEffect, useState } from 'react';
import { getNotifications } from '../api/notifications';

const POLL_MS = 30_000;
// Sent by the notifications page once it has marked everything read, so the badge clears at once.
export const NOTIFICATIONS_READ_EVENT = 'cruddur:notifications-read';

/** How many unread notifications the signed-in user has; refreshed every 30 s. */
export function useUnreadCount(enabled) {
  const [count, setCount] = useState(0);

  useEffect(() => {
    if (!enabled) return undefined;
    let active = true;
    const refresh = () =>
      getNotifications(undefined, 1).then(
        (page) => active && setCount(page.unread_count ?? 0),
        () => {}, // the badge is a hint; a failed poll keeps the last count
      );
    refresh();
    const timer = setInterval(refresh, POLL_MS);
    const cleared = () => setCount(0);
    window.addEventListener(NOTIFICATIONS_READ_EVENT, cleared);
    return () => {
      active = false;
      clearInterval(timer);
      window.removeEventListener(NOTIFICATIONS_READ_EVENT, cleared);
    };
  }, [enabled]);

  return enabled ? count : 0;
}
