import { useNavigate } from 'react-router';
import { useAuth } from '../../../lib/auth';
import { useToast } from '../../../lib/toast';
import { isNotBuiltYet } from '../../../lib/api-error';
import { paths } from '../../../config/paths';
import { deleteActivity, setReaction } from '../api/activities';

const REACTIONS = {
  like: { flag: 'liked', count: 'likes_count', name: 'Likes' },
  repost: { flag: 'reposted', count: 'reposts_count', name: 'Reposts' },
};

/** Like, repost, share and delete for one crud. Failures become toasts; the list is told of changes. */
export function useActivityActions(activity, { onChange, onRemove }) {
  const { status } = useAuth();
  const toast = useToast();
  const navigate = useNavigate();

  async function toggle(reaction) {
    if (status !== 'signedIn') {
      navigate(paths.signin);
      return;
    }
    const { flag, name } = REACTIONS[reaction];
    try {
      const updated = await setReaction(activity.uuid, reaction, !activity[flag]);
      onChange?.(updated);
    } catch (error) {
      toast.error(isNotBuiltYet(error) ? `${name} are coming soon.` : error.message);
    }
  }

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
      onRemove?.(activity.uuid);
      toast.show('Crud deleted.');
    } catch (error) {
      toast.error(error.message);
    }
  }

  return {
    like: () => toggle('like'),
    repost: () => toggle('repost'),
    share,
    remove,
  };
}
