import { useCallback, useEffect } from 'react';
import { useParams } from 'react-router';
import { EmptyState } from '../components/States';
import { ListStates } from '../components/ListStates';
import { handleFromSegment } from '../config/paths';
import { onActivityCreated } from '../features/activities/activity-events';
import { ActivityList } from '../features/activities/components/ActivityList';
import { getProfileActivities } from '../features/profiles/api/profiles';
import { ProfileHeader } from '../features/profiles/components/ProfileHeader';
import { useCursorList } from '../hooks/use-cursor-list';
import { usePageTitle } from '../hooks/use-page-title';
import { useAuth } from '../lib/auth';

export function ProfilePage() {
  const handle = handleFromSegment(useParams().atHandle);
  const { status } = useAuth();
  const list = useCursorList((cursor) => getProfileActivities(handle, cursor), `${handle}:${status}`);
  const profile = list.firstPage?.profile;
  usePageTitle(profile ? `${profile.display_name} (@${profile.handle})` : 'Profile');

  const { setFirstPage, prepend } = list;
  const isMe = Boolean(profile?.is_me);
  const updateProfile = useCallback(
    (updated) => setFirstPage((page) => ({ ...page, profile: { ...page.profile, ...updated } })),
    [setFirstPage],
  );
  useEffect(() => (isMe ? onActivityCreated(prepend) : undefined), [isMe, prepend]);

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
          <ProfileHeader profile={profile} onProfileChange={updateProfile} />
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
