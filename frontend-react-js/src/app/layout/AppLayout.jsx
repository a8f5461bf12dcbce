import { Suspense, useState } from 'react';
import { Outlet } from 'react-router';
import { LoadingState } from '../../components/States';
import { ComposerDialog } from '../../features/activities/components/ComposerDialog';
import { SearchBox } from '../../features/discovery/components/SearchBox';
import { SuggestedUsersCard } from '../../features/discovery/components/SuggestedUsersCard';
import { TrendingCard } from '../../features/discovery/components/TrendingCard';
import { useAuth } from '../../lib/auth';
import { draftKey } from '../../lib/drafts';
import { useToast } from '../../lib/toast';
import { SideNav } from './SideNav';
import './AppLayout.css';

/** Three columns: navigation, the page, and search/trending/suggestions. */
export function AppLayout() {
  const [composerOpen, setComposerOpen] = useState(false);
  const toast = useToast();
  const { user } = useAuth();

  return (
    <div className="app-layout">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <div className="app-column-nav">
        <SideNav onOpenComposer={() => setComposerOpen(true)} />
      </div>
      <main id="main" className="app-column-main">
        {/* A page's chunk loads on its first visit; the layout stays meanwhile. */}
        <Suspense fallback={<LoadingState />}>
          <Outlet />
        </Suspense>
      </main>
      <aside className="app-column-aside" aria-label="Discover">
        <SearchBox />
        <TrendingCard />
        <SuggestedUsersCard />
      </aside>
      <ComposerDialog
        open={composerOpen}
        onClose={() => setComposerOpen(false)}
        draftKey={draftKey(user)}
        onPosted={() => {
          setComposerOpen(false);
          toast.show('Your crud is live.');
        }}
      />
    </div>
  );
}
