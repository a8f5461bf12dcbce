import { useQuery } from '@tanstack/react-query';
import { useViewer } from '../../../lib/auth';
import { useStreamStatus } from '../../realtime/hooks/use-stream-status';
import { getNotifications, notificationKeys } from '../api/notifications';

const POLL_MS = 30_000;

/**
 * The unread counts of the signed-in user, in one query kept current by the real-time stream; while the stream
 * is not open it is asked every 30 s instead, and in any case when the window regains focus:
 * `unread_count` of all notifications, `unread_messages_count` of the conversations with unread messages.
 */
function useUnreadCounts(enabled, select) {
  const { viewer } = useViewer();
  const streaming = useStreamStatus() === 'open';
  const { data } = useQuery({
    queryKey: notificationKeys.unread(viewer),
    queryFn: async () => {
      const page = await getNotifications(undefined, 1);
      return { unread_count: page.unread_count ?? 0, unread_messages_count: page.unread_messages_count ?? 0 };
    },
    select,
    enabled,
    refetchInterval: streaming ? false : POLL_MS,
    // The badge is a hint: a failed poll keeps the last count and the next one tries again.
    retry: false,
  });
  return enabled ? (data ?? 0) : 0;
}

const notificationsCount = (counts) => counts.unread_count;
const messagesCount = (counts) => counts.unread_messages_count;

/** How many unread notifications the signed-in user has. */
export const useUnreadCount = (enabled) => useUnreadCounts(enabled, notificationsCount);

/** How many conversations have messages the signed-in user has not read. */
export const useUnreadMessagesCount = (enabled) => useUnreadCounts(enabled, messagesCount);
