import { useEffect } from 'react';
import { useAuth } from '../../../lib/auth';
import { useCursorList } from '../../../hooks/use-cursor-list';
import { getFeed } from '../api/activities';
import { onActivityCreated } from '../activity-events';

/** The home or explore feed; reloads when the viewer changes and shows the viewer's new cruds on top. */
export function useFeed(feed) {
  const { status, user } = useAuth();
  const list = useCursorList((cursor) => getFeed(feed, cursor), `${feed}:${status}:${user?.handle ?? ''}`);
  const { prepend } = list;
  useEffect(() => onActivityCreated(prepend), [prepend]);
  return list;
}
