import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { AuthContext, RedirectIfSignedIn, RequireAuth } from './auth';

function renderAt(path, auth) {
  const router = createMemoryRouter(
    [
      { path: '/', element: <p>Home page</p> },
      { path: '/signin', element: <RedirectIfSignedIn><p>Sign-in page</p></RedirectIfSignedIn> },
      { path: '/notifications', element: <RequireAuth><p>Private notifications</p></RequireAuth> },
    ],
    { initialEntries: [path] },
  );
  render(
    <AuthContext.Provider value={auth}>
      <RouterProvider router={router} />
    </AuthContext.Provider>,
  );
  return router;
}

describe('route guards', () => {
  it('send a signed-out visitor to /signin and remember where they were going', () => {
    const router = renderAt('/notifications', { status: 'signedOut', user: null });
    expect(screen.getByText('Sign-in page')).toBeInTheDocument();
    expect(screen.queryByText('Private notifications')).not.toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/signin');
    expect(router.state.location.state).toEqual({ from: '/notifications' });
  });

  it('let a signed-in user through', () => {
    renderAt('/notifications', { status: 'signedIn', user: { handle: 'ada' } });
    expect(screen.getByText('Private notifications')).toBeInTheDocument();
  });

  it('wait while the session is still being checked', () => {
    const router = renderAt('/notifications', { status: 'loading', user: null });
    expect(screen.getByRole('status')).toHaveTextContent('Checking your session');
    expect(router.state.location.pathname).toBe('/notifications');
  });

  it('send a signed-in user away from the sign-in page', () => {
    const router = renderAt('/signin', { status: 'signedIn', user: { handle: 'ada' } });
    expect(screen.getByText('Home page')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/');
  });
});
