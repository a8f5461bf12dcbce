import { Link } from 'react-router';
import { EmptyState } from '../../../components/States';
import { ListStates } from '../../../components/ListStates';
import { paths } from '../../../config/paths';
import { useList } from '../../../hooks/use-list-query';
import { discoveryKeys, getTrends } from '../api/discovery';
import { SideCard } from './SideCard';

// Trends count live cruds only: asked again every minute (and on focus once stale), and at once when a crud
// is posted, deleted or expires on this screen, so a hashtag whose cruds are gone leaves the card.
export const TRENDS_REFRESH_MS = 60_000;

export function TrendingCard() {
  const trends = useList({
    queryKey: discoveryKeys.trends,
    fetchList: getTrends,
    refetchInterval: TRENDS_REFRESH_MS,
  });
  return (
    <SideCard title="Trending">
      {trends.status !== 'ready' && <ListStates list={trends} feature="Trending" />}
      {trends.status === 'ready' && trends.items.length === 0 && <EmptyState title="Nothing trending yet" />}
      {trends.items.map((trend) => (
        <Link key={trend.tag} to={paths.search(trend.tag)} className="trend">
          <span className="trend-tag">{trend.tag}</span>
          <span className="trend-count">
            {trend.count.toLocaleString()} {trend.count === 1 ? 'crud' : 'cruds'}
          </span>
        </Link>
      ))}
    </SideCard>
  );
}
