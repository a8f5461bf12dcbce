import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useViewer } from '../../../lib/auth';
import { activityKeys } from '../api/activities';
import { prependActivity, refreshTrends } from '../cache';

/**
 * What posting a crud changes: it goes on top of the viewer's feeds and profile (the cached ones; the others
 * fetch it anyway), the profile counts it, and the trends are asked again for its hashtags.
 */
export function useActivityCreated() {
  const queryClient = useQueryClient();
  const { viewer } = useViewer();
  return useCallback(
    (activity) => {
      for (const feed of ['home', 'explore']) prependActivity(queryClient, activityKeys.feed(viewer, feed), activity);
      const ownProfile = activityKeys.profile(viewer, activity.handle);
      prependActivity(queryClient, ownProfile, activity);
      queryClient.setQueryData(ownProfile, (data) =>
        data?.pages?.[0]?.profile
          ? {
              ...data,
              pages: [
                { ...data.pages[0], profile: { ...data.pages[0].profile, cruds_count: data.pages[0].profile.cruds_count + 1 } },
                ...data.pages.slice(1),
              ],
            }
          : data,
      );
      refreshTrends(queryClient);
    },
    [queryClient, viewer],
  );
}
