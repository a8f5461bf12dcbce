import { Link } from 'react-router';
import { EmptyState } from '../components/States';
import { paths } from '../config/paths';
import { usePageTitle } from '../hooks/use-page-title';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <>
      <header className="page-header">
        <h1>Page not found</h1>
      </header>
      <EmptyState title="There is nothing here">
        <Link to={paths.home}>Go to the home feed</Link>
      </EmptyState>
    </>
  );
}
