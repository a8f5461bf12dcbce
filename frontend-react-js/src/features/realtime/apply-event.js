import { activityKeys } from '../activities/api/activities';
import { forgetActivity, prependActivity } from '../activities/cache';
import { messageKeys } from '../messages/api/messages';
import { addToThread, showLastMessage } from '../messages/cache';
import { notificationKeys } from '../notifications/api/notifications';
import { addPending, dropPending } from './pending';

// What each event of the real-time stream changes in the TanStack Query cache, for the person `me`
// ({ viewer, handle }: `viewer` as query keys name them). Lists that are not cached are left alone: they
// fetch the news when they are first shown.

/** The lists a new crud waits for the reader's click on ("N new cruds"): Home, and its author's profile. */
export const homeList = (viewer) => [viewer, 'home'];
export const profileList = (viewer, handle) => [viewer, 'profile', handle];

function findCachedActivity(queryClient, uuid) {
  for (const [, data] of queryClient.getQueriesData({ queryKey: activityKeys.all })) {
    for (const page of data?.pages ?? []) {
      const found = (page.items || []).find((item) => item.uuid === uuid) ?? (page.activity?.uuid === uuid ? page.activity : null);
      if (found) return found;
    }
  }
  return null;
}

function onMessage(queryClient, me, { message }) {
  const fromOther = message.handle !== me.handle;
  addToThread(queryClient, me.viewer, message.message_group_uuid, [message]);
  if (!showLastMessage(queryClient, me.viewer, message, fromOther)) {
    queryClient.invalidateQueries({ queryKey: messageKeys.groups(me.viewer) });
  }
}

function onNotification(queryClient, me, { notification, unread_count: unreadCount }) {
  const unreadKey = notificationKeys.unread(me.viewer);
  if (notification.type === 'message') {
    // The count of unread conversations is not in the event: ask for both counts.
    queryClient.invalidateQueries({ queryKey: unreadKey });
  } else {
    queryClient.setQueryData(unreadKey, (counts) => counts && { ...counts, unread_count: unreadCount });
  }
  // An open Notifications page fetches it (and marks it read); a cached one, when next shown.
  queryClient.invalidateQueries({ queryKey: notificationKeys.list(me.viewer) });
}

function onHome(queryClient, me, { crud }) {
  const reposter = crud.reposted_by?.handle;
  if (reposter === me.handle) return; // my own repost: it shows when Home is next fetched
  if (!reposter && crud.handle === me.handle) {
    // My own post, from here (the composer has put it on top already) or another device.
    prependActivity(queryClient, activityKeys.feed(me.viewer, 'home'), crud);
    return;
  }
  addPending(homeList(me.viewer), crud);
  if (!reposter) addPending(profileList(me.viewer, crud.handle), crud);
}

function onDelete(queryClient, me, { uuid }) {
  dropPending(uuid);
  forgetActivity(queryClient, findCachedActivity(queryClient, uuid) ?? { uuid });
}

const HANDLERS = { message: onMessage, notification: onNotification, home: onHome, delete: onDelete };

/** Applies one stream event ({ event, data }); unknown events are ignored (a newer server may send more). */
export function applyStreamEvent(queryClient, me, { event, data }) {
  HANDLERS[event]?.(queryClient, me, data);
}

/**
 * After a (re)connection: what the stream may have missed while it was away is fetched again (the lists on
 * screen now, the others when next shown). Crud lists are only marked stale: they are fetched on the next
 * focus or visit, not now under the reader's eyes.
 */
export function refetchMissed(queryClient, me) {
  queryClient.invalidateQueries({ queryKey: notificationKeys.unread(me.viewer) });
  queryClient.invalidateQueries({ queryKey: notificationKeys.list(me.viewer) });
  queryClient.invalidateQueries({ queryKey: ['messages', me.viewer] });
  queryClient.invalidateQueries({ queryKey: activityKeys.viewer(me.viewer), refetchType: 'none' });
}
