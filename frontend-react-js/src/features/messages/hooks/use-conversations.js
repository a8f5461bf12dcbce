import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useInfiniteList } from '../../../hooks/use-list-query';
import { useViewer } from '../../../lib/auth';
import { getMessageGroupWith, getMessageGroups, getMessages, getRecipient, messageKeys, sendMessage } from '../api/messages';
import { addToThread } from '../cache';

/**
 * The signed-in person's conversations, most recent first. New messages reorder it as they arrive on the
 * real-time stream (features/realtime); with the stream down it is fetched again when the window regains focus.
 */
export function useConversations() {
  const { ready, viewer } = useViewer();
  return useInfiniteList({ queryKey: messageKeys.groups(viewer), fetchPage: getMessageGroups, enabled: ready });
}

/**
 * One conversation, pages newest first. The other person's messages arrive on the real-time stream;
 * `addMessage` shows one just sent.
 */
export function useThread(messageGroupUuid) {
  const { ready, viewer } = useViewer();
  const queryClient = useQueryClient();
  const thread = useInfiniteList({
    queryKey: messageKeys.thread(viewer, messageGroupUuid),
    fetchPage: (cursor) => getMessages(messageGroupUuid, cursor),
    enabled: ready,
  });
  const addMessage = useCallback(
    (message) => addToThread(queryClient, viewer, messageGroupUuid, [message]),
    [queryClient, viewer, messageGroupUuid],
  );
  return { ...thread, addMessage };
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
