import { useIsMutating, useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useAuth } from '../../../lib/auth';
import { useToast } from '../../../lib/toast';
import { isNotBuiltYet } from '../../../lib/api-error';
import { paths } from '../../../config/paths';
import { deleteActivity, setReaction } from '../api/activities';
import { forgetActivity, updateActivity } from '../cache';

const REACTIONS = {
  like: { flag: 'liked', count: 'likes_count', name: 'Likes', failed: { true: 'Could not like this crud', false: 'Could not unlike this crud' } },
  repost: { flag: 'reposted', count: 'reposts_count', name: 'Reposts', failed: { true: 'Could not repost this crud', false: 'Could not undo the repost' } },
};

/** The crud with the reaction turned on or off, its count following (never below zero). */
export function withReaction(activity, reaction, on) {
  const { flag, count } = REACTIONS[reaction];
  if (Boolean(activity[flag]) === on) return activity;
  return { ...activity, [flag]: on, [count]: Math.max(0, (activity[count] ?? 0) + (on ? 1 : -1)) };
}

const reactionKey = (uuid, reaction) => ['activity-reaction', uuid, reaction];

/**
 * A like or a repost, optimistic: every cached list shows it at once; the server's counts replace the guess
 * when it answers; a failure undoes it (only it: another change made meanwhile stays) with a toast. While
 * one is on its way, pressing again does nothing (`pending`), wherever the crud is shown.
 */
function useReaction(activity, reaction) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const mutationKey = reactionKey(activity.uuid, reaction);
  const pending = useIsMutating({ mutationKey }) > 0;
  const { flag, count, name, failed } = REACTIONS[reaction];
  const { mutate } = useMutation({
    mutationKey,
    mutationFn: ({ on }) => setReaction(activity.uuid, reaction, on),
    onMutate: async ({ on }) => {
      // A refetch under way would bring back the list as it was before the press.
      await queryClient.cancelQueries({ queryKey: ['activities'] });
      updateActivity(queryClient, activity.uuid, (current) => withReaction(current, reaction, on));
    },
    onSuccess: (updated) =>
      updateActivity(queryClient, activity.uuid, (current) => ({ ...current, [flag]: updated[flag], [count]: updated[count] })),
    onError: (error, { on }) => {
      updateActivity(queryClient, activity.uuid, (current) => withReaction(current, reaction, !on));
      toast.error(isNotBuiltYet(error) ? `${name} are coming soon.` : `${failed[on]}: ${error.message}`);
    },
  });
  const toggle = () => {
    if (queryClient.isMutating({ mutationKey }) > 0) return; // the first press is still on its way
    mutate({ on: !activity[flag] });
  };
  return { toggle, pending };
}

/** Like, repost, share and delete for one crud. Failures become toasts; every cached list follows. */
export function useActivityActions(activity, { onRemoved } = {}) {
  const { status } = useAuth();
  const toast = useToast();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const like = useReaction(activity, 'like');
  const repost = useReaction(activity, 'repost');

  const signedInOnly = (action) => () => (status === 'signedIn' ? action() : navigate(paths.signin));

  async function share() {
    const url = new URL(paths.status(activity.handle, activity.uuid), window.location.origin).toString();
    try {
      await navigator.clipboard.writeText(url);
      toast.show('Link copied to the clipboard.');
    } catch {
      toast.error(`Could not copy the link: ${url}`);
    }
  }

  async function remove() {
    if (!window.confirm('Delete this crud? This cannot be undone.')) return;
    try {
      await deleteActivity(activity.uuid);
      onRemoved?.();
      forgetActivity(queryClient, activity);
      toast.show('Crud deleted.');
    } catch (error) {
      toast.error(error.message);
    }
  }

  return {
    like: signedInOnly(like.toggle),
    likePending: like.pending,
    repost: signedInOnly(repost.toggle),
    repostPending: repost.pending,
    share,
    remove,
  };
}
