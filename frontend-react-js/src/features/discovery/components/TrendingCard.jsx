import { Link } from 'react-router';
import { EmptyState } from '../../../components/States';
import { ListStates } from '../../../components/ListStates';
import { paths } from '../../../config/paths';
import { useCursorList } from '../../../hooks/use-cursor-list';
import { getTrends } from '../api/discovery';
import { SideCard } from './SideCard';

export function TrendingCard() {
  const trends = useCursorList(getTrends, 'trends');
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
