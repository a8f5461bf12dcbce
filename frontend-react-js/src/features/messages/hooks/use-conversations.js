import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useInfiniteList } from '../../../hooks/use-list-query';
import { useViewer } from '../../../lib/auth';
import { getMessageGroupWith, getMessageGroups, getMessages, getRecipient, messageKeys, sendMessage } from '../api/messages';
import { unseenMessages, withNewestConversations } from '../thread';
import { useNewMessages } from './use-new-messages';

// New conversations and last messages reach the list without a reload; a thread polls faster.
const CONVERSATIONS_POLL_MS = 10_000;

// Changes the first page (the newest) of a cached list; `others` the pages after it.
function updateNewestPage(queryClient, queryKey, first, others = (items) => items) {
  queryClient.setQueryData(queryKey, (data) =>
    data?.pages?.length
      ? {
          ...data,
          pages: data.pages.map((page, index) => ({ ...page, items: index === 0 ? first(page.items || []) : others(page.items || []) })),
        }
      : data,
  );
}

/** The signed-in person's conversations, most recent first, the newest page polled. */
export function useConversations() {
  const { ready, viewer } = useViewer();
  const queryClient = useQueryClient();
  const queryKey = messageKeys.groups(viewer);
  const list = useInfiniteList({ queryKey, fetchPage: getMessageGroups, enabled: ready });
  useNewMessages(
    () => getMessageGroups(null),
    (polled) => {
      const moved = new Set(polled.map((group) => group.message_group_uuid));
      updateNewestPage(
        queryClient,
        queryKey,
        (items) => withNewestConversations(items, polled),
        (items) => items.filter((group) => !moved.has(group.message_group_uuid)),
      );
    },
    list.status === 'ready',
    CONVERSATIONS_POLL_MS,
  );
  return list;
}

/**
 * One conversation: pages come newest first, the newest page is polled so the other person's messages appear
 * without a reload; `addMessage` shows one just sent.
 */
export function useThread(messageGroupUuid) {
  const { ready, viewer } = useViewer();
  const queryClient = useQueryClient();
  const queryKey = messageKeys.thread(viewer, messageGroupUuid);
  const thread = useInfiniteList({
    queryKey,
    fetchPage: (cursor) => getMessages(messageGroupUuid, cursor),
    enabled: ready,
  });
  const addMessages = useCallback(
    (messages) =>
      updateNewestPage(queryClient, messageKeys.thread(viewer, messageGroupUuid), (items) => [
        ...items,
        ...unseenMessages(items, messages),
      ]),
    [queryClient, viewer, messageGroupUuid],
  );
  useNewMessages(
    () => getMessages(messageGroupUuid, null),
    (polled) => addMessages(unseenMessages(thread.items, polled)),
    thread.status === 'ready',
  );
  return { ...thread, addMessage: (message) => addMessages([message]) };
}

/** Sends a message (`to` as sendMessage takes it); the conversation list is fetched anew when next shown. */
export function useSendMessage() {
  const { viewer } = useViewer();
  const queryClient = useQueryClient();
  return useCallback(
    async (text, to) => {
      const message = await sendMessage(text, to);
      queryClient.invalidateQueries({ queryKey: messageKeys.groups(viewer), refetchType: 'none' });
      return message;
    },
    [queryClient, viewer],
  );
}

/** The person @handle, and the conversation with them if there is one. */
export function useRecipient(handle) {
  const { ready, viewer } = useViewer();
  const query = useQuery({
    queryKey: messageKeys.recipient(viewer, handle),
    queryFn: async () => {
      const person = await getRecipient(handle);
      const existing = await getMessageGroupWith(handle).catch((error) => {
        if (error.status === 404) return null;
        throw error;
      });
      return { ...person, existing };
    },
    enabled: ready,
    staleTime: 0,
  });
  return {
    status: query.data !== undefined ? 'ready' : query.status === 'error' ? 'error' : 'loading',
    data: query.data,
    error: query.error,
    reload: () => query.refetch(),
  };
}
