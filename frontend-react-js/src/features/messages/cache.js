import { messageKeys } from './api/messages';
import { unseenMessages, withNewestConversations } from './thread';

// The cached conversation list and threads are useInfiniteQuery data, newest page first. These change them in
// place of a refetch, so a message sent here or arriving on the real-time stream shows at once.

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

/** Adds messages to their conversation's cached thread, if it is cached and they are not in it yet. */
export function addToThread(queryClient, viewer, messageGroupUuid, messages) {
  updateNewestPage(queryClient, messageKeys.thread(viewer, messageGroupUuid), (items) => [
    ...items,
    ...unseenMessages(items, messages),
  ]);
}

/**
 * Brings a message's conversation to the top of the cached list with it as the last message; unread when
 * `fromOther`. Answers false when the list is cached without that conversation (a new one: fetch the list).
 */
export function showLastMessage(queryClient, viewer, message, fromOther) {
  const queryKey = messageKeys.groups(viewer);
  const cached = queryClient.getQueryData(queryKey);
  if (!cached?.pages) return true;
  const group = cached.pages
    .flatMap((page) => page.items || [])
    .find((item) => item.message_group_uuid === message.message_group_uuid);
  if (!group) return false;
  if (group.created_at > message.created_at) return true; // an older message arriving late changes nothing
  const moved = {
    ...group,
    message: message.message,
    created_at: message.created_at,
    unread: group.unread || fromOther,
  };
  updateNewestPage(
    queryClient,
    queryKey,
    (items) => withNewestConversations(items, [moved]),
    (items) => items.filter((item) => item.message_group_uuid !== moved.message_group_uuid),
  );
  return true;
}
