import { Link, NavLink } from 'react-router';
import { paths } from '../config/paths';
import { ActivityList } from '../features/activities/components/ActivityList';
import { activityKeys } from '../features/activities/api/activities';
import { useFeed } from '../features/activities/hooks/use-feed';
import { homeList } from '../features/realtime/apply-event';
import { NewCrudsPill } from '../features/realtime/components/NewCrudsPill';
import { usePageTitle } from '../hooks/use-page-title';
import { useAuth, useViewer } from '../lib/auth';

const FEEDS = {
  home: { title: 'Home', emptyText: 'Follow people or post a crud, and it will show up here.' },
  explore: { title: 'Explore', emptyText: 'Nobody has posted a crud yet.' },
};

/** The home and explore feeds, one tab each. */
export function HomePage({ feed = 'home' }) {
  const { status } = useAuth();
  const { viewer } = useViewer();
  const list = useFeed(feed);
  usePageTitle(FEEDS[feed].title);

  return (
    <>
      <header className="page-header">
        <h1>{FEEDS[feed].title}</h1>
      </header>
      <nav className="tabs" aria-label="Feeds">
        <NavLink to={paths.home} end className="tab">
          Home
        </NavLink>
        <NavLink to={paths.explore} className="tab">
          Explore
        </NavLink>
      </nav>
      {status === 'signedOut' && (
        <p className="form-note page-note">
          Cruds vanish when their time is up. <Link to={paths.signin}>Sign in</Link> or{' '}
          <Link to={paths.signup}>sign up</Link> to post your own.
        </p>
      )}
      {feed === 'home' && status === 'signedIn' && list.status === 'ready' && (
        <NewCrudsPill pendingKey={homeList(viewer)} queryKey={activityKeys.feed(viewer, 'home')} shownItems={list.items} />
      )}
      <ActivityList list={list} label={`${FEEDS[feed].title} feed`} emptyTitle="No cruds yet" emptyText={FEEDS[feed].emptyText} />
    </>
  );
}
