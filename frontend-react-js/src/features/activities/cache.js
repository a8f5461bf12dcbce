import { activityKeys } from './api/activities';
import { discoveryKeys } from '../discovery/api/discovery';

// The cached lists of cruds are useInfiniteQuery data: { pages: [{ items, next_cursor, activity?, profile? }] }.
// These helpers change them in place of a refetch, so what is on screen follows at once.

function mapPage(page, update) {
  const next = { ...page, items: (page.items || []).map(update).filter(Boolean) };
  if (page.activity) next.activity = update(page.activity) ?? null;
  return next;
}

/** `update(crud)` answers the crud as it should now be, or null to take it out of every list. */
export function updateActivities(queryClient, update) {
  queryClient.setQueriesData({ queryKey: activityKeys.all }, (data) =>
    data?.pages ? { ...data, pages: data.pages.map((page) => mapPage(page, update)) } : data,
  );
}

export function updateActivity(queryClient, uuid, update) {
  updateActivities(queryClient, (activity) => (activity.uuid === uuid ? update(activity) : activity));
}

const withoutUuid = (items, uuid) => (items || []).filter((item) => item.uuid !== uuid);

/** Puts a crud first in a cached list (not fetched yet: nothing to do, it comes with the first fetch). */
export function prependActivity(queryClient, queryKey, activity) {
  queryClient.setQueryData(queryKey, (data) => {
    if (!data?.pages?.length) return data;
    const [first, ...rest] = data.pages;
    return { ...data, pages: [{ ...first, items: [activity, ...withoutUuid(first.items, activity.uuid)] }, ...rest] };
  });
}

/** Adds a crud at the end of a cached list (a reply under its parent). */
export function appendActivity(queryClient, queryKey, activity) {
  queryClient.setQueryData(queryKey, (data) => {
    if (!data?.pages?.length) return data;
    const pages = [...data.pages];
    const last = pages[pages.length - 1];
    pages[pages.length - 1] = { ...last, items: [...withoutUuid(last.items, activity.uuid), activity] };
    return { ...data, pages };
  });
}

/** Hashtag counts change whenever a crud comes or goes: the trends card asks again (once, if many go at once). */
export function refreshTrends(queryClient) {
  queryClient.invalidateQueries({ queryKey: discoveryKeys.trends }, { cancelRefetch: false });
}

/** A crud that was deleted or expired leaves every list, with its replies; its parent counts one reply fewer. */
export function forgetActivity(queryClient, activity) {
  const parent = activity.reply_to_activity_uuid;
  updateActivities(queryClient, (item) => {
    if (item.uuid === activity.uuid || item.reply_to_activity_uuid === activity.uuid) return null;
    if (parent && item.uuid === parent) return { ...item, replies_count: Math.max(0, item.replies_count - 1) };
    return item;
  });
  refreshTrends(queryClient);
}
