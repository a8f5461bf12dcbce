import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useViewer } from '../../../lib/auth';
import { notificationKeys } from '../../notifications/api/notifications';
import { getMessageGroup, markMessageGroupRead, messageKeys } from '../api/messages';

/**
 * One conversation's card (the other member, whether it has unread messages). While the page shows it, an
 * unread conversation is marked read, so the Messages badge clears; `latestFromOther` (the uuid of the other
 * member's newest message on screen) asks again when they write while it is open.
 */
export function useConversation(messageGroupUuid, latestFromOther) {
  const { ready, viewer } = useViewer();
  const queryClient = useQueryClient();
  const queryKey = messageKeys.group(viewer, messageGroupUuid);
  const group = useQuery({ queryKey, queryFn: () => getMessageGroup(messageGroupUuid), enabled: ready });
  const { refetch } = group;
  const unread = group.data?.unread === true;

  const { mutate: markRead } = useMutation({
    mutationFn: () => markMessageGroupRead(messageGroupUuid),
    onSuccess: () => {
      queryClient.setQueryData(queryKey, (data) => data && { ...data, unread: false });
      queryClient.setQueryData(messageKeys.groups(viewer), (data) =>
        data?.pages
          ? {
              ...data,
              pages: data.pages.map((page) => ({
                ...page,
                items: (page.items || []).map((item) =>
                  item.message_group_uuid === messageGroupUuid ? { ...item, unread: false } : item,
                ),
              })),
            }
          : data,
      );
      queryClient.invalidateQueries({ queryKey: notificationKeys.unread(viewer) });
    },
  });

  // Once per answer that says unread: a failed mark is not repeated until the card is read again.
  const markedAnswer = useRef(null);
  const answeredAt = group.dataUpdatedAt;
  useEffect(() => {
    if (!unread || markedAnswer.current === answeredAt) return;
    markedAnswer.current = answeredAt;
    markRead();
  }, [unread, answeredAt, markRead]);

  // A new message from the other member while the page is open made a new unread notice: read the card
  // again, which marks it read.
  const seenFromOther = useRef(latestFromOther);
  useEffect(() => {
    if (latestFromOther === seenFromOther.current) return;
    const first = seenFromOther.current === undefined;
    seenFromOther.current = latestFromOther;
    if (!first) refetch();
  }, [latestFromOther, refetch]);

  return {
    status: group.data !== undefined ? 'ready' : group.status === 'error' ? 'error' : 'loading',
    data: group.data,
    error: group.error,
  };
}
