import { useEffect } from 'react';
import { EmptyState } from '../components/States';
import { ListStates } from '../components/ListStates';
import { LoadMoreButton } from '../components/LoadMoreButton';
import { getNotifications, markNotificationsRead } from '../features/notifications/api/notifications';
import { NotificationItem } from '../features/notifications/components/NotificationItem';
import { NOTIFICATIONS_READ_EVENT } from '../features/notifications/hooks/use-unread-count';
import { useCursorList } from '../hooks/use-cursor-list';
import { usePageTitle } from '../hooks/use-page-title';

export function NotificationsPage() {
  usePageTitle('Notifications');
  const list = useCursorList(getNotifications, 'notifications');
  const unread = list.firstPage?.unread_count ?? 0;

  // Seeing the list counts as reading it; the highlight stays until the next visit.
  useEffect(() => {
    if (unread > 0) {
      markNotificationsRead().then(() => window.dispatchEvent(new Event(NOTIFICATIONS_READ_EVENT)), () => {});
    }
  }, [unread]);

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
          {list.items.map((notification) => (
            <NotificationItem key={notification.uuid} notification={notification} />
          ))}
          <LoadMoreButton list={list} />
        </section>
      )}
    </>
  );
}
