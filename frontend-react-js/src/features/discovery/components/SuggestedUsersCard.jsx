import { EmptyState } from '../../../components/States';
import { ListStates } from '../../../components/ListStates';
import { useCursorList } from '../../../hooks/use-cursor-list';
import { useAuth } from '../../../lib/auth';
import { getSuggestedUsers } from '../api/discovery';
import { SideCard } from './SideCard';
import { UserRow } from '../../../components/UserRow';

export function SuggestedUsersCard() {
  const { user } = useAuth();
  // Suggestions depend on who is asking, so they reload when the user signs in or out.
  const suggested = useCursorList(getSuggestedUsers, user?.handle ?? 'anonymous');
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
