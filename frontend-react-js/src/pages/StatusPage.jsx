import { useCallback, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { EmptyState } from '../components/States';
import { ListStates } from '../components/ListStates';
import { LoadMoreButton } from '../components/LoadMoreButton';
import { handleFromSegment, paths } from '../config/paths';
import { getStatus } from '../features/activities/api/activities';
import { ActivityItem } from '../features/activities/components/ActivityItem';
import { ReplyForm } from '../features/activities/components/ReplyForm';
import { useCursorList } from '../hooks/use-cursor-list';
import { usePageTitle } from '../hooks/use-page-title';
import { isNotFound } from '../lib/api-error';
import { useAuth } from '../lib/auth';

function GoneState() {
  return (
    <EmptyState title="This crud does not exist or has expired">
      Cruds vanish when their time is up. <Link to={paths.home}>Back to Home</Link>
    </EmptyState>
  );
}

/** In place of the crud that expired while its page was open (its replies went with it). */
function ExpiredNote() {
  return (
    <div role="status">
      <EmptyState title="This crud has expired">
        Its time was up, so it is gone, with its replies. <Link to={paths.home}>Back to Home</Link>
      </EmptyState>
    </div>
  );
}

/** One crud, its replies (oldest first) and a reply form. */
export function StatusPage() {
  const { atHandle, uuid } = useParams();
  const handle = handleFromSegment(atHandle);
  const { status: authStatus } = useAuth();
  const navigate = useNavigate();
  const thread = useCursorList((cursor) => getStatus(handle, uuid, cursor), `${handle}/${uuid}:${authStatus}`);
  const activity = thread.firstPage?.activity;
  usePageTitle(activity ? `${activity.display_name}: “${activity.message.slice(0, 40)}”` : 'Crud');

  const { setFirstPage, append } = thread;
  const updateActivity = useCallback(
    (update) => setFirstPage((page) => ({ ...page, activity: page.activity && update(page.activity) })),
    [setFirstPage],
  );
  const markGone = useCallback(() => setFirstPage((page) => ({ ...page, activity: null })), [setFirstPage]);
  // The crud expired while shown here (not: the URL was of a crud that was already gone).
  const [expiredHere, setExpiredHere] = useState(false);
  const markExpired = useCallback(() => {
    setExpiredHere(true);
    markGone();
  }, [markGone]);

  if (!handle || (thread.status === 'error' && isNotFound(thread.error))) return <StatusLayout><GoneState /></StatusLayout>;
  if (thread.status !== 'ready') return <StatusLayout><ListStates list={thread} /></StatusLayout>;
  if (!activity) return <StatusLayout>{expiredHere ? <ExpiredNote /> : <GoneState />}</StatusLayout>;

  function addReply(reply) {
    append(reply);
    updateActivity((current) => ({ ...current, replies_count: current.replies_count + 1 }));
  }

  return (
    <StatusLayout>
      <ActivityItem
        activity={activity}
        isFocus
        onChange={(updated) => updateActivity((current) => ({ ...current, ...updated }))}
        onRemove={() => navigate(paths.home)}
        onExpire={markExpired}
      />
      {authStatus === 'signedIn' ? (
        <ReplyForm activity={activity} onReplied={addReply} />
      ) : (
        <p className="form-note page-note">
          <Link to={paths.signin} state={{ from: paths.status(handle, uuid) }}>Sign in</Link> to reply.
        </p>
      )}
      <section aria-label="Replies">
        {thread.items.map((reply) => (
          <ActivityItem key={reply.uuid} activity={reply} onChange={thread.replace} onRemove={thread.remove} />
        ))}
        {thread.items.length === 0 && <EmptyState title="No replies yet" />}
        <LoadMoreButton list={thread} label="More replies" />
      </section>
    </StatusLayout>
  );
}

function StatusLayout({ children }) {
  return (
    <>
      <header className="page-header">
        <h1>Crud</h1>
      </header>
      {children}
    </>
  );
}
