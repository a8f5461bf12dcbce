import { useCallback, useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { Avatar } from '../../../components/Avatar';
import { HeartIcon, ReplyIcon, RepostIcon, ShareIcon, TrashIcon } from '../../../components/Icons';
import { paths } from '../../../config/paths';
import { useAuth } from '../../../lib/auth';
import { RelativeTime } from '../../../components/RelativeTime';
import { forgetActivity } from '../cache';
import { useActivityActions } from '../hooks/use-activity-actions';
import { ExpiryCountdown } from './ExpiryCountdown';
import { MediaGrid } from './MediaGrid';
import { MessageText } from './MessageText';
import { ReplyContext } from './ReplyContext';
import './ActivityItem.css';

// `busy`: its request is on its way. aria-disabled rather than disabled keeps the keyboard focus on it.
function ActionButton({ label, count, pressed, onClick, children, className = '', busy = false }) {
  return (
    <button
      type="button"
      className={`activity-action ${className}`}
      aria-label={count === undefined ? label : `${label} (${count})`}
      aria-pressed={pressed}
      aria-disabled={busy || undefined}
      onClick={onClick}
    >
      {children}
      {count !== undefined && <span aria-hidden="true">{count}</span>}
    </button>
  );
}

// How long an expired crud takes to fade out before it is removed (the .activity-leaving animation).
export const LEAVING_MILLISECONDS = 600;

/**
 * One crud. When it expires it fades out, then leaves the screen and every cached list (the trends are
 * asked again); `onExpire` lets the page react too. `isFocus` marks the crud a status page is about (bigger,
 * not a link to itself); `onRemoved` is called when its author deletes it. A reply still being sent
 * (`activity.pending`) has no actions yet. `lazyMedia`: its photos load only as they near the screen (a
 * crud below the fold).
 */
export function ActivityItem({ activity, onRemoved, onExpire, isFocus = false, lazyMedia = true }) {
  const [leaving, setLeaving] = useState(false);
  const [expired, setExpired] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { user } = useAuth();
  const actions = useActivityActions(activity, { onRemoved });
  const statusPath = paths.status(activity.handle, activity.uuid);
  const handleExpire = useCallback(() => setLeaving(true), []);
  useEffect(() => {
    if (!leaving) return undefined;
    const timer = setTimeout(() => {
      setExpired(true);
      forgetActivity(queryClient, activity);
      onExpire?.(activity.uuid);
    }, LEAVING_MILLISECONDS);
    return () => clearTimeout(timer);
  }, [leaving, onExpire, queryClient, activity]);

  if (expired) return null;

  function openStatus(event) {
    // Clicks on links, buttons, the photo viewer or selected text keep their own meaning.
    if (isFocus || event.target.closest('a, button, dialog') || window.getSelection()?.toString()) return;
    navigate(statusPath);
  }

  return (
    <article
      className={`activity${isFocus ? ' activity-focus' : ''}${leaving ? ' activity-leaving' : ''}`}
      onClick={activity.pending ? undefined : openStatus}
      aria-label={`Crud by ${activity.display_name}`}
      aria-busy={activity.pending || undefined}
    >
      {activity.reposted_by && (
        <p className="activity-reposted-by">
          <RepostIcon size={14} /> Reposted by{' '}
          <Link to={paths.profile(activity.reposted_by.handle)}>{activity.reposted_by.display_name}</Link>
        </p>
      )}
      <div className="activity-body">
        <Link to={paths.profile(activity.handle)} className="activity-avatar" tabIndex={-1} aria-hidden="true">
          <Avatar url={activity.avatar_url} name={activity.display_name} handle={activity.handle} />
        </Link>
        <div className="activity-main">
          <header className="activity-header">
            <Link to={paths.profile(activity.handle)} className="activity-author">
              <span className="activity-display-name">{activity.display_name}</span>
              <span className="activity-handle">@{activity.handle}</span>
            </Link>
            <div className="activity-times">
              <Link to={statusPath} className="activity-created" title={new Date(activity.created_at).toLocaleString()}>
                <RelativeTime dateTime={activity.created_at} />
                <span className="visually-hidden"> – open this crud</span>
              </Link>
              <ExpiryCountdown expiresAt={activity.expires_at} onExpire={handleExpire} />
            </div>
          </header>
          <ReplyContext activity={activity} />
          <MessageText className="activity-message" text={activity.message} />
          {activity.media?.length > 0 && <MediaGrid media={activity.media} lazy={lazyMedia} />}
          {activity.pending ? (
            <p className="activity-pending" role="status">
              Sending…
            </p>
          ) : (
            <footer className="activity-actions">
              <ActionButton label="Reply" count={activity.replies_count} onClick={() => navigate(statusPath)}>
                <ReplyIcon size={20} />
              </ActionButton>
              <ActionButton
                label={activity.reposted ? 'Undo repost' : 'Repost'}
                count={activity.reposts_count}
                pressed={Boolean(activity.reposted)}
                onClick={actions.repost}
                busy={actions.repostPending}
                className="activity-action-repost"
              >
                <RepostIcon size={20} />
              </ActionButton>
              <ActionButton
                label={activity.liked ? 'Unlike' : 'Like'}
                count={activity.likes_count}
                pressed={Boolean(activity.liked)}
                onClick={actions.like}
                busy={actions.likePending}
                className="activity-action-like"
              >
                <HeartIcon size={20} filled={activity.liked} />
              </ActionButton>
              <ActionButton label="Copy link" onClick={actions.share}>
                <ShareIcon size={20} />
              </ActionButton>
              {user?.handle === activity.handle && (
                <ActionButton label="Delete" onClick={actions.remove} className="activity-action-delete">
                  <TrashIcon size={20} />
                </ActionButton>
              )}
            </footer>
          )}
        </div>
      </div>
    </article>
  );
}
