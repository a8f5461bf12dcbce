import { createBrowserRouter, Outlet, ScrollRestoration, useParams } from 'react-router';
import { handleFromSegment, paths, routePatterns } from '../config/paths';
import { RequireHandle } from '../features/auth/components/RequireHandle';
import { RedirectIfSignedIn, RequireAuth } from '../lib/auth';
import { ConfirmPage, ForgotPasswordPage, SigninPage, SignupPage } from '../pages/AuthPages';
import { HomePage } from '../pages/HomePage';
import { MessageGroupPage, MessagesPage, NewMessagePage } from '../pages/MessagesPages';
import { NotFoundPage } from '../pages/NotFoundPage';
import { NotificationsPage } from '../pages/NotificationsPage';
import { ProfilePage } from '../pages/ProfilePage';
import { SearchPage } from '../pages/SearchPage';
import { StatusPage } from '../pages/StatusPage';
import { AppLayout } from './layout/AppLayout';

// "/:atHandle" also matches any unknown one-segment URL; only "/@handle" is a profile.
function ProfileOrNotFound() {
  return handleFromSegment(useParams().atHandle) ? <ProfilePage /> : <NotFoundPage />;
}

const signedOutOnly = (page) => <RedirectIfSignedIn>{page}</RedirectIfSignedIn>;
const signedInOnly = (page) => <RequireAuth>{page}</RequireAuth>;

export const routes = [
  {
    // ScrollRestoration: Back returns to where the page was scrolled (the lists render from the query cache
    // at once, so the page is as long as it was).
    element: (
      <>
        <ScrollRestoration />
        <RequireHandle>
          <Outlet />
        </RequireHandle>
      </>
    ),
    children: [
      { path: paths.signup, element: signedOutOnly(<SignupPage />) },
      { path: paths.confirm, element: <ConfirmPage /> },
      { path: paths.signin, element: signedOutOnly(<SigninPage />) },
      { path: paths.forgot, element: <ForgotPasswordPage /> },
      {
        element: <AppLayout />,
        children: [
          { path: paths.home, element: <HomePage feed="home" /> },
          { path: paths.explore, element: <HomePage feed="explore" /> },
          { path: paths.notifications, element: signedInOnly(<NotificationsPage />) },
          { path: paths.messages, element: signedInOnly(<MessagesPage />) },
          { path: routePatterns.newMessage, element: signedInOnly(<NewMessagePage />) },
          { path: routePatterns.messageGroup, element: signedInOnly(<MessageGroupPage />) },
          { path: routePatterns.search, element: <SearchPage /> },
          { path: routePatterns.profile, element: <ProfileOrNotFound /> },
          { path: routePatterns.status, element: <StatusPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export const createRouter = () => createBrowserRouter(routes);
