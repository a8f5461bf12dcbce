import { useSearchParams } from 'react-router';
import { EmptyState } from '../components/States';
import { ListStates } from '../components/ListStates';
import { activityKeys, searchActivities } from '../features/activities/api/activities';
import { ActivityList } from '../features/activities/components/ActivityList';
import { discoveryKeys, searchUsers } from '../features/discovery/api/discovery';
import { SearchBox } from '../features/discovery/components/SearchBox';
import { SuggestedUsersCard } from '../features/discovery/components/SuggestedUsersCard';
import { TrendingCard } from '../features/discovery/components/TrendingCard';
import { UserRow } from '../components/UserRow';
import { useInfiniteList, useList } from '../hooks/use-list-query';
import { usePageTitle } from '../hooks/use-page-title';
import { useViewer } from '../lib/auth';
import { NARROW_LAYOUT, useMediaQuery } from '../lib/use-media-query';

function SearchResults({ term }) {
  const { ready, viewer } = useViewer();
  const people = useList({ queryKey: discoveryKeys.people(viewer, term), fetchList: () => searchUsers(term), enabled: ready });
  const cruds = useInfiniteList({
    queryKey: activityKeys.search(viewer, term),
    fetchPage: (cursor) => searchActivities(term, cursor),
    enabled: ready,
  });
  return (
    <>
      <h2 className="section-title">People</h2>
      {people.status !== 'ready' && <ListStates list={people} feature="People search" />}
      {people.status === 'ready' && people.items.length === 0 && <EmptyState title={`No people match “${term}”`} />}
      {people.items.map((user) => (
        <UserRow key={user.uuid || user.handle} user={user} />
      ))}
      <h2 className="section-title">Cruds</h2>
      <ActivityList list={cruds} label="Matching cruds" feature="Crud search" emptyTitle={`No cruds match “${term}”`} />
    </>
  );
}

/** Without a term: on a narrow screen, where the Discover column is hidden, what it shows (Explore). */
function NoSearchYet() {
  const narrow = useMediaQuery(NARROW_LAYOUT);
  if (!narrow) return <EmptyState title="Search for people, words or #hashtags" />;
  return (
    <div className="search-discover">
      <TrendingCard />
      <SuggestedUsersCard />
    </div>
  );
}

export function SearchPage() {
  const [searchParams] = useSearchParams();
  const term = (searchParams.get('term') || '').trim();
  usePageTitle(term ? `Search: ${term}` : 'Search');
  return (
    <>
      <header className="page-header">
        <h1>Search</h1>
      </header>
      <div className="page-note">
        <SearchBox key={term} initialTerm={term} label="Change this search" />
      </div>
      {term ? <SearchResults term={term} /> : <NoSearchYet />}
    </>
  );
}
