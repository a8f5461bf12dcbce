import { useIsMutating, useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useAuth } from '../../../lib/auth';
import { useToast } from '../../../lib/toast';
import { isNotBuiltYet } from '../../../lib/api-error';
import { activityKeys } from '../../activities/api/activities';
import { updateActivities } from '../../activities/cache';
import { setFollowing } from '../api/profiles';

// A profile is cached with its cruds: the first page of GET /api/activities/@handle carries it.
function updateProfile(queryClient, handle, update) {
  queryClient.setQueriesData({ queryKey: activityKeys.all }, (data) =>
    data?.pages?.some((page) => page.profile?.handle === handle)
      ? { ...data, pages: data.pages.map((page) => (page.profile?.handle === handle ? { ...page, profile: update(page.profile) } : page)) }
      : data,
  );
}

/** The profile as following (or not) makes it, its followers count following (never below zero). */
export function withFollowing(profile, on) {
  if (Boolean(profile.following) === on) return profile;
  return { ...profile, following: on, followers_count: Math.max(0, profile.followers_count + (on ? 1 : -1)) };
}

/**
 * Follow and unfollow, optimistic like likes: the button and the count change at once, a failure undoes the
 * change with a toast, and a second press while the first is on its way does nothing. Home then shows (or
 * stops showing) their cruds and the suggestions change, so both are asked again.
 */
export function useFollow(profile) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const mutationKey = ['follow', profile.handle];
  const pending = useIsMutating({ mutationKey }) > 0;
  const { mutate } = useMutation({
    mutationKey,
    mutationFn: ({ on }) => setFollowing(profile.handle, on),
    onMutate: async ({ on }) => {
      await queryClient.cancelQueries({ queryKey: activityKeys.all });
      updateProfile(queryClient, profile.handle, (current) => withFollowing(current, on));
    },
    onSuccess: (updated) => updateProfile(queryClient, profile.handle, (current) => ({ ...current, ...updated })),
    onError: (error, { on }) => {
      updateProfile(queryClient, profile.handle, (current) => withFollowing(current, !on));
      toast.error(isNotBuiltYet(error) ? 'Following is coming soon.' : `Could not ${on ? 'follow' : 'unfollow'} @${profile.handle}: ${error.message}`);
    },
    onSettled: () => {
      queryClient.invalidateQueries({ predicate: ({ queryKey }) => queryKey[2] === 'feed' || queryKey[2] === 'suggested' });
    },
  });
  const toggle = () => {
    if (queryClient.isMutating({ mutationKey }) > 0) return;
    mutate({ on: !profile.following });
  };
  return { toggle, pending };
}

/**
 * After Edit profile (or a new picture): the profile and every cached crud of its owner show the new name
 * and picture at once, without a refetch; what shows the name elsewhere (notifications, conversations,
 * people lists) is fetched anew when next shown.
 */
export function useProfileChanged() {
  const queryClient = useQueryClient();
  const { refreshUser } = useAuth();
  return useCallback(
    (handle, changes) => {
      updateProfile(queryClient, handle, (current) => ({ ...current, ...changes }));
      const shown = {};
      if ('display_name' in changes) shown.display_name = changes.display_name;
      if ('avatar_url' in changes) shown.avatar_url = changes.avatar_url;
      updateActivities(queryClient, (activity) => {
        let next = activity.handle === handle ? { ...activity, ...shown } : activity;
        if (next.reposted_by?.handle === handle && shown.display_name) {
          next = { ...next, reposted_by: { ...next.reposted_by, display_name: shown.display_name } };
        }
        return next;
      });
      for (const queryKey of [['notifications'], ['messages'], ['users']]) {
        queryClient.invalidateQueries({ queryKey, refetchType: 'none' });
      }
      refreshUser(); // the navigation's name and avatar
    },
    [queryClient, refreshUser],
  );
}
