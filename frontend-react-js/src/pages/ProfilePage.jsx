import { useParams } from 'react-router';
import { EmptyState } from '../components/States';
import { ListStates } from '../components/ListStates';
import { handleFromSegment } from '../config/paths';
import { activityKeys } from '../features/activities/api/activities';
import { ActivityList } from '../features/activities/components/ActivityList';
import { getProfileActivities } from '../features/profiles/api/profiles';
import { ProfileHeader } from '../features/profiles/components/ProfileHeader';
import { profileList } from '../features/realtime/apply-event';
import { NewCrudsPill } from '../features/realtime/components/NewCrudsPill';
import { useInfiniteList } from '../hooks/use-list-query';
import { usePageTitle } from '../hooks/use-page-title';
import { useViewer } from '../lib/auth';

export function ProfilePage() {
  const handle = handleFromSegment(useParams().atHandle);
  const { ready, viewer } = useViewer();
  const list = useInfiniteList({
    queryKey: activityKeys.profile(viewer, handle),
    fetchPage: (cursor) => getProfileActivities(handle, cursor),
    enabled: ready && Boolean(handle),
  });
  const profile = list.firstPage?.profile;
  usePageTitle(profile ? `${profile.display_name} (@${profile.handle})` : 'Profile');

  const notFound = !handle || (list.status === 'error' && list.error.status === 404);
  return (
    <>
      <header className="page-header">
        <h1>{profile ? profile.display_name : 'Profile'}</h1>
      </header>
      {notFound && <EmptyState title="This account doesn't exist">Try searching for another.</EmptyState>}
      {!notFound && list.status !== 'ready' && <ListStates list={list} />}
      {profile && (
        <>
          <ProfileHeader profile={profile} />
          <NewCrudsPill
            pendingKey={profileList(viewer, profile.handle)}
            queryKey={activityKeys.profile(viewer, handle)}
            shownItems={list.items}
          />
          <ActivityList
            list={list}
            label={`Cruds by @${profile.handle}`}
            emptyTitle={profile.is_me ? 'You have no live cruds' : `@${profile.handle} has no live cruds`}
            emptyText="Cruds disappear when they expire."
          />
        </>
      )}
    </>
  );
}
