import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as amplifyAuth from 'aws-amplify/auth';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider, useAuth } from '../../../lib/auth';
import { ToastProvider } from '../../../lib/toast';
import { SignOutButton } from './SignOutButton';

// Cognito (through Amplify) and the API (through fetch) are the boundaries; everything between is ours.
vi.mock('aws-amplify/auth', () => ({
  getCurrentUser: vi.fn(),
  fetchAuthSession: vi.fn(),
  fetchUserAttributes: vi.fn(),
  signOut: vi.fn(),
}));

const json = (status, body) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const ME = { uuid: 'u-ana', handle: 'ana', display_name: 'Ana', bio: null, avatar_url: null, cruds_count: 0,
  followers_count: 0, following_count: 0, created_at: '2026-11-27T10:00:00+00:00', is_me: true };

function Who() {
  const { status } = useAuth();
  return <p>Session: {status}</p>;
}

function renderAt(path) {
  const router = createMemoryRouter(
    [
      { path: '/', element: <Who /> },
      { path: '/@ana', element: <><Who /><SignOutButton>Sign out</SignOutButton></> },
    ],
    { initialEntries: [path] },
  );
  render(
    <ToastProvider>
      <AuthProvider>
        <RouterProvider router={router} />
      </AuthProvider>
    </ToastProvider>,
  );
  return router;
}

beforeEach(() => {
  amplifyAuth.getCurrentUser.mockResolvedValue({ userId: 'cognito-ana' });
  amplifyAuth.fetchAuthSession.mockResolvedValue({ tokens: { accessToken: { toString: () => 'access-ana' } } });
  amplifyAuth.signOut.mockImplementation(async () => {
    amplifyAuth.getCurrentUser.mockRejectedValue(Object.assign(new Error('signed out'), { name: 'UserUnAuthenticatedException' }));
  });
  vi.stubGlobal('fetch', vi.fn(async () => json(200, ME)));
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.clearAllMocks();
});

describe('SignOutButton', () => {
  it('asks first, with Cancel focused; Cancel keeps the session and gives the focus back', async () => {
    const user = userEvent.setup();
    renderAt('/@ana');
    expect(await screen.findByText('Session: signedIn')).toBeInTheDocument();
    const signOut = screen.getByRole('button', { name: 'Sign out' });

    await user.click(signOut);
    const ask = screen.getByRole('dialog', { name: 'Sign out of Cruddur?' });
    expect(ask).toBeVisible();
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    expect(amplifyAuth.signOut).not.toHaveBeenCalled();

    await user.keyboard('{Enter}');
    expect(ask).not.toHaveAttribute('open');
    expect(signOut).toHaveFocus();
    expect(amplifyAuth.signOut).not.toHaveBeenCalled();
    expect(screen.getByText('Session: signedIn')).toBeInTheDocument();
  });

  it('signs out when the dialog’s Sign out is chosen, and goes home', async () => {
    const user = userEvent.setup();
    const router = renderAt('/@ana');
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    const ask = screen.getByRole('dialog', { name: 'Sign out of Cruddur?' });
    await user.tab();
    await user.keyboard('{Enter}');
    expect(await screen.findByText('Session: signedOut')).toBeInTheDocument();
    expect(amplifyAuth.signOut).toHaveBeenCalledTimes(1);
    // Home comes after the session is gone (the button navigates once signOut has resolved).
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(ask).not.toBeInTheDocument();
  });
});
