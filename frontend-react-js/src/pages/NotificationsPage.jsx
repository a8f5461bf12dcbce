import { EmptyState } from '../components/States';
import { ListStates } from '../components/ListStates';
import { LoadMoreButton } from '../components/LoadMoreButton';
import { NotificationItem } from '../features/notifications/components/NotificationItem';
import { groupNotifications } from '../features/notifications/grouping';
import { useNotifications } from '../features/notifications/hooks/use-notifications';
import { usePageTitle } from '../hooks/use-page-title';

export function NotificationsPage() {
  usePageTitle('Notifications');
  const list = useNotifications();

  return (
    <>
      <header className="page-header">
        <h1>Notifications</h1>
      </header>
      {list.status !== 'ready' && <ListStates list={list} feature="Notifications" />}
      {list.status === 'ready' && list.items.length === 0 && (
        <EmptyState title="Nothing yet">Replies, likes, reposts and follows will show up here.</EmptyState>
      )}
      {list.status === 'ready' && (
        <section aria-label="Notifications">
          {groupNotifications(list.items).map((group) => (
            <NotificationItem key={group.key} group={group} />
          ))}
          <LoadMoreButton list={list} loadOnScroll />
        </section>
      )}
    </>
  );
}
