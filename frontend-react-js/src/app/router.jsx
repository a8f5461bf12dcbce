import { lazy, Suspense } from 'react';
import { createBrowserRouter, Outlet, ScrollRestoration, useParams } from 'react-router';
import { LoadingState } from '../components/States';
import { handleFromSegment, paths, routePatterns } from '../config/paths';
import { RequireHandle } from '../features/auth/components/RequireHandle';
import { RedirectIfSignedIn, RequireAuth } from '../lib/auth';
import { AppLayout } from './layout/AppLayout';
import { PageError } from './PageError';

// Each page is a chunk of its own, loaded when its route is first visited: the first load ships the shell
// (layout, session, React, the router, Amplify) and the one page it opens on (scripts/first-load.js measures it).
const page = (load, name) => lazy(() => load().then((module) => ({ default: module[name] })));
const authPages = () => import('../pages/AuthPages');
const messagesPages = () => import('../pages/MessagesPages');
const SignupPage = page(authPages, 'SignupPage');
const ConfirmPage = page(authPages, 'ConfirmPage');
const SigninPage = page(authPages, 'SigninPage');
const ForgotPasswordPage = page(authPages, 'ForgotPasswordPage');
const HomePage = page(() => import('../pages/HomePage'), 'HomePage');
const MessagesPage = page(messagesPages, 'MessagesPage');
const NewMessagePage = page(messagesPages, 'NewMessagePage');
const MessageGroupPage = page(messagesPages, 'MessageGroupPage');
const NotFoundPage = page(() => import('../pages/NotFoundPage'), 'NotFoundPage');
const NotificationsPage = page(() => import('../pages/NotificationsPage'), 'NotificationsPage');
const ProfilePage = page(() => import('../pages/ProfilePage'), 'ProfilePage');
const SearchPage = page(() => import('../pages/SearchPage'), 'SearchPage');
const StatusPage = page(() => import('../pages/StatusPage'), 'StatusPage');

// "/:atHandle" also matches any unknown one-segment URL; only "/@handle" is a profile.
function ProfileOrNotFound() {
  return handleFromSegment(useParams().atHandle) ? <ProfilePage /> : <NotFoundPage />;
}

const signedOutOnly = (page) => <RedirectIfSignedIn>{page}</RedirectIfSignedIn>;
const signedInOnly = (page) => <RequireAuth>{page}</RequireAuth>;

// Every page has its failures shown inside the frame (the default error page would leave the app).
const withPageErrors = (pageRoutes) => pageRoutes.map((route) => ({ ...route, errorElement: <PageError /> }));

export const routes = [
  {
    // ScrollRestoration: Back returns to where the page was scrolled (the lists render from the query cache
    // at once, so the page is as long as it was).
    element: (
      <>
        <ScrollRestoration />
        <RequireHandle>
          <Suspense fallback={<LoadingState />}>
            <Outlet />
          </Suspense>
        </RequireHandle>
      </>
    ),
    children: withPageErrors([
      { path: paths.signup, element: signedOutOnly(<SignupPage />) },
      { path: paths.confirm, element: <ConfirmPage /> },
      { path: paths.signin, element: signedOutOnly(<SigninPage />) },
      { path: paths.forgot, element: <ForgotPasswordPage /> },
      {
        element: <AppLayout />,
        children: withPageErrors([
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
        ]),
      },
    ]),
  },
];

export const createRouter = () => createBrowserRouter(routes);
