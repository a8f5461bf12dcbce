import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useInfiniteList } from '../../../hooks/use-list-query';
import { useViewer } from '../../../lib/auth';
import { getNotifications, markNotificationsRead, notificationKeys } from '../api/notifications';

/**
 * The signed-in person's notifications. Seeing the list counts as reading it: the badge clears at once,
 * while the highlight of the new ones stays until the list is next fetched.
 */
export function useNotifications() {
  const { ready, viewer } = useViewer();
  const queryClient = useQueryClient();
  const list = useInfiniteList({ queryKey: notificationKeys.list(viewer), fetchPage: getNotifications, enabled: ready });
  const unread = list.firstPage?.unread_count ?? 0;
  const { mutate: markRead } = useMutation({
    mutationKey: ['notifications-read'],
    mutationFn: markNotificationsRead,
    onSuccess: () => {
      // All read, messages too (the server marks every notification read).
      queryClient.setQueryData(notificationKeys.unread(viewer), { unread_count: 0, unread_messages_count: 0 });
      queryClient.invalidateQueries({ queryKey: notificationKeys.list(viewer), refetchType: 'none' });
    },
  });

  useEffect(() => {
    if (unread > 0 && !queryClient.isMutating({ mutationKey: ['notifications-read'] })) markRead();
  }, [unread, markRead, queryClient]);

  return list;
}
