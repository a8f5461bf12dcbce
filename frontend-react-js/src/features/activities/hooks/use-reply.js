import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useAuth, useViewer } from '../../../lib/auth';
import { useToast } from '../../../lib/toast';
import { activityKeys, replyToActivity } from '../api/activities';
import { appendActivity, updateActivities, updateActivity } from '../cache';

const countReplies = (change) => (activity) => ({ ...activity, replies_count: Math.max(0, activity.replies_count + change) });

/**
 * Replying to `parent`, optimistic: the reply shows at once under it (marked as being sent) and its reply
 * count goes up everywhere; the server's reply takes its place, or on failure both are undone with a toast
 * and the promise rejects (the form keeps the text).
 */
export function useReply(parent) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const { user } = useAuth();
  const { viewer } = useViewer();
  const thread = activityKeys.status(viewer, parent.handle, parent.uuid);
  const { mutateAsync } = useMutation({
    mutationKey: ['activity-reply', parent.uuid],
    mutationFn: ({ message }) => replyToActivity(parent.uuid, message),
    onMutate: async ({ message }) => {
      await queryClient.cancelQueries({ queryKey: activityKeys.all });
      const now = new Date().toISOString();
      const draft = {
        uuid: `pending-${globalThis.crypto?.randomUUID?.() ?? Math.random().toString(36).slice(2)}`,
        pending: true,
        message,
        handle: user.handle,
        display_name: user.displayName,
        avatar_url: user.avatarUrl ?? null,
        created_at: now,
        expires_at: parent.expires_at,
        reply_to_activity_uuid: parent.uuid,
        replies_count: 0,
        likes_count: 0,
        reposts_count: 0,
        liked: false,
        reposted: false,
        media: [],
      };
      appendActivity(queryClient, thread, draft);
      updateActivity(queryClient, parent.uuid, countReplies(1));
      return { draft };
    },
    onSuccess: (reply, _variables, { draft }) =>
      updateActivities(queryClient, (activity) => (activity.uuid === draft.uuid ? reply : activity)),
    onError: (error, _variables, context) => {
      if (context?.draft) {
        updateActivities(queryClient, (activity) => (activity.uuid === context.draft.uuid ? null : activity));
        updateActivity(queryClient, parent.uuid, countReplies(-1));
      }
      toast.error(`Your reply was not sent: ${error.message}`);
    },
  });
  return (message) => mutateAsync({ message });
}
