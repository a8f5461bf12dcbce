import { EmptyState } from '../../../components/States';
import { ListStates } from '../../../components/ListStates';
import { useList } from '../../../hooks/use-list-query';
import { useViewer } from '../../../lib/auth';
import { discoveryKeys, getSuggestedUsers } from '../api/discovery';
import { SideCard } from './SideCard';
import { UserRow } from '../../../components/UserRow';

export function SuggestedUsersCard() {
  // Suggestions depend on who is asking: each viewer has a list of their own.
  const { ready, viewer } = useViewer();
  const suggested = useList({ queryKey: discoveryKeys.suggested(viewer), fetchList: getSuggestedUsers, enabled: ready });
  return (
    <SideCard title="Suggested Users">
      {suggested.status !== 'ready' && <ListStates list={suggested} feature="Suggested users" />}
      {suggested.status === 'ready' && suggested.items.length === 0 && <EmptyState title="No suggestions right now" />}
      {suggested.items.map((suggestedUser) => (
        <UserRow key={suggestedUser.uuid || suggestedUser.handle} user={suggestedUser} />
      ))}
    </SideCard>
  );
}
