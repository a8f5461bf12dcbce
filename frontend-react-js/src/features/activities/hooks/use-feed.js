import { useInfiniteList } from '../../../hooks/use-list-query';
import { useViewer } from '../../../lib/auth';
import { activityKeys, getFeed } from '../api/activities';

/** The home or explore feed of whoever is signed in (fetched once the session is known). */
export function useFeed(feed) {
  const { ready, viewer } = useViewer();
  return useInfiniteList({
    queryKey: activityKeys.feed(viewer, feed),
    fetchPage: (cursor) => getFeed(feed, cursor),
    enabled: ready,
  });
}
