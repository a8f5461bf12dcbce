import { useQuery } from '@tanstack/react-query';
import { useViewer } from '../../../lib/auth';
import { getNotifications, notificationKeys } from '../api/notifications';

const POLL_MS = 30_000;

/** How many unread notifications the signed-in user has; asked every 30 s and when the window regains focus. */
export function useUnreadCount(enabled) {
  const { viewer } = useViewer();
  const { data } = useQuery({
    queryKey: notificationKeys.unread(viewer),
    queryFn: async () => (await getNotifications(undefined, 1)).unread_count ?? 0,
    enabled,
    refetchInterval: POLL_MS,
    // The badge is a hint: a failed poll keeps the last count and the next one tries again.
    retry: false,
  });
  return enabled ? (data ?? 0) : 0;
}
