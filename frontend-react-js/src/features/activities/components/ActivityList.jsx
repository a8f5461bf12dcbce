import { EmptyState } from '../../../components/States';
import { ListStates } from '../../../components/ListStates';
import { LoadMoreButton } from '../../../components/LoadMoreButton';
import { ActivityItem } from './ActivityItem';

// The first cruds of a list are on the first screen: their photos load at once, the others as they near it.
const EAGER_MEDIA_ITEMS = 3;

/** A useInfiniteList list of cruds with its loading, error, empty and "load more" states. */
export function ActivityList({ list, emptyTitle, emptyText, feature, label }) {
  if (list.status !== 'ready') return <ListStates list={list} feature={feature} />;
  if (list.items.length === 0) return <EmptyState title={emptyTitle}>{emptyText}</EmptyState>;
  return (
    <section aria-label={label}>
      {list.items.map((activity, index) => (
        <ActivityItem key={activity.uuid} activity={activity} lazyMedia={index >= EAGER_MEDIA_ITEMS} />
      ))}
      <LoadMoreButton list={list} loadOnScroll />
    </section>
  );
}
