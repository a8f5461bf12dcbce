import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { EmptyState } from '../components/States';
import { ListStates } from '../components/ListStates';
import { LoadMoreButton } from '../components/LoadMoreButton';
import { handleFromSegment, paths } from '../config/paths';
import { activityKeys, getStatus } from '../features/activities/api/activities';
import { ActivityItem } from '../features/activities/components/ActivityItem';
import { ReplyForm } from '../features/activities/components/ReplyForm';
import { useInfiniteList } from '../hooks/use-list-query';
import { usePageTitle } from '../hooks/use-page-title';
import { isNotFound } from '../lib/api-error';
import { useAuth, useViewer } from '../lib/auth';

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
  const { ready, viewer } = useViewer();
  const navigate = useNavigate();
  const thread = useInfiniteList({
    queryKey: activityKeys.status(viewer, handle, uuid),
    fetchPage: (cursor) => getStatus(handle, uuid, cursor),
    enabled: ready && Boolean(handle),
  });
  // Gone from the cache (null) once it is deleted or expires on screen.
  const activity = thread.firstPage?.activity;
  usePageTitle(activity ? `${activity.display_name}: “${activity.message.slice(0, 40)}”` : 'Crud');

  // The crud expired while shown here (not: the URL was of a crud that was already gone).
  const [expiredHere, setExpiredHere] = useState(false);

  if (!handle || (thread.status === 'error' && isNotFound(thread.error))) return <StatusLayout><GoneState /></StatusLayout>;
  if (thread.status !== 'ready') return <StatusLayout><ListStates list={thread} /></StatusLayout>;
  if (!activity) return <StatusLayout>{expiredHere ? <ExpiredNote /> : <GoneState />}</StatusLayout>;

  return (
    <StatusLayout>
      <ActivityItem
        activity={activity}
        isFocus
        lazyMedia={false}
        onRemoved={() => navigate(paths.home)}
        onExpire={() => setExpiredHere(true)}
      />
      {authStatus === 'signedIn' ? (
        <ReplyForm activity={activity} />
      ) : (
        <p className="form-note page-note">
          <Link to={paths.signin} state={{ from: paths.status(handle, uuid) }}>Sign in</Link> to reply.
        </p>
      )}
      <section aria-label="Replies">
        {thread.items.map((reply) => (
          <ActivityItem key={reply.uuid} activity={reply} />
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
