import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as amplifyAuth from 'aws-amplify/auth';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RuntimeConfigContext } from '../config/runtime-config';
import { AuthProvider, RedirectIfSignedIn, RequireAuth, useAuth } from '../lib/auth';
import { ToastProvider } from '../lib/toast';
import { ConfirmPage, SigninPage, SignupPage } from './AuthPages';

// Cognito (through Amplify) and the API (through fetch) are the boundaries; everything between is ours.
vi.mock('aws-amplify/auth', () => ({
  getCurrentUser: vi.fn(),
  fetchAuthSession: vi.fn(),
  fetchUserAttributes: vi.fn(),
  signUp: vi.fn(),
  confirmSignUp: vi.fn(),
  signIn: vi.fn(),
}));

const json = (status, body) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const ANA = { uuid: 'u-ana', handle: 'ana_b', display_name: 'Ana B', bio: null, avatar_url: null, cruds_count: 0,
  followers_count: 0, following_count: 0, created_at: '2026-11-27T10:00:00+00:00', is_me: true };
const PASSWORD = 'Cruddur-test-1';

function Messages() {
  const { user } = useAuth();
  return <h1>Messages of @{user.handle}</h1>;
}

function renderApp(initialEntries) {
  const router = createMemoryRouter(
    [
      { path: '/', element: <h1>Home</h1> },
      { path: '/signup', element: <RedirectIfSignedIn><SignupPage /></RedirectIfSignedIn> },
      { path: '/confirm', element: <ConfirmPage /> },
      { path: '/signin', element: <RedirectIfSignedIn><SigninPage /></RedirectIfSignedIn> },
      { path: '/messages', element: <RequireAuth><Messages /></RequireAuth> },
    ],
    { initialEntries },
  );
  render(
    <RuntimeConfigContext.Provider value={{ cognito_endpoint: null }}>
      <ToastProvider>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </ToastProvider>
    </RuntimeConfigContext.Provider>,
  );
  return router;
}

async function typeInto(user, label, text) {
  await user.type(screen.getByLabelText(label), text);
}

let signedIn;
beforeEach(() => {
  signedIn = false;
  amplifyAuth.getCurrentUser.mockImplementation(async () => {
    if (!signedIn) throw Object.assign(new Error('No signed-in user'), { name: 'UserUnAuthenticatedException' });
    return { userId: 'cognito-ana' };
  });
  amplifyAuth.fetchAuthSession.mockImplementation(async () => (signedIn ? { tokens: { accessToken: { toString: () => 'access-ana' } } } : {}));
  amplifyAuth.signUp.mockResolvedValue({ isSignUpComplete: false, nextStep: { signUpStep: 'CONFIRM_SIGN_UP' } });
  amplifyAuth.confirmSignUp.mockResolvedValue({ isSignUpComplete: true, nextStep: { signUpStep: 'DONE' } });
  amplifyAuth.signIn.mockImplementation(async ({ password }) => {
    if (password !== PASSWORD) throw Object.assign(new Error('Incorrect'), { name: 'NotAuthorizedException' });
    signedIn = true;
    return { isSignedIn: true, nextStep: { signInStep: 'DONE' } };
  });
  vi.stubGlobal('fetch', vi.fn(async (url) => {
    if (url === '/api/users/me') return json(200, ANA);
    if (url.startsWith('/api/handles/')) return json(200, { handle: 'ana_b', available: true });
    return json(404, { errors: [{ code: 'not_found', message: url, field: null }] });
  }));
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.clearAllMocks();
});

describe('signing in from a page that needs an account', () => {
  it('comes back to that page', async () => {
    const user = userEvent.setup();
    const router = renderApp(['/messages']);
    await screen.findByRole('button', { name: 'Sign in' });
    expect(router.state.location.pathname).toBe('/signin');
    await typeInto(user, 'Email', 'ana@example.com');
    await typeInto(user, 'Password', PASSWORD);
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { name: 'Messages of @ana_b' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/messages');
  });

  it.each([['//evil.example/messages'], ['https://evil.example/'], ['/\\evil.example'], ['javascript:alert(1)']])(
    'goes home, never to %j',
    async (from) => {
      const user = userEvent.setup();
      const router = renderApp([{ pathname: '/signin', state: { from } }]);
      await typeInto(user, 'Email', 'ana@example.com');
      await typeInto(user, 'Password', PASSWORD);
      await user.keyboard('{Enter}');
      expect(await screen.findByRole('heading', { name: 'Home' })).toBeInTheDocument();
      expect(router.state.location.pathname).toBe('/');
    },
  );
});

describe('confirming the email after signing up', () => {
  it('signs the new account in with the password typed at sign-up, and comes back where it started', async () => {
    const user = userEvent.setup();
    const router = renderApp(['/messages']);
    await user.click(await screen.findByRole('link', { name: 'Sign up' }));
    await typeInto(user, 'Name', 'Ana B');
    await typeInto(user, 'Email', 'ana@example.com');
    await typeInto(user, 'Username', 'ana_b');
    await typeInto(user, 'Password', PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Sign up' }));

    expect(await screen.findByLabelText('Confirmation code')).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveValue('ana@example.com');
    await typeInto(user, 'Confirmation code', '123456');
    await user.click(screen.getByRole('button', { name: 'Confirm email' }));

    expect(await screen.findByRole('heading', { name: 'Messages of @ana_b' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/messages');
    expect(amplifyAuth.signIn).toHaveBeenCalledExactlyOnceWith({
      username: 'ana@example.com',
      password: PASSWORD,
      options: { authFlowType: 'USER_PASSWORD_AUTH' },
    });
    // Kept in memory only: not in the router's history state nor in any storage.
    expect(JSON.stringify(router.state.location.state)).not.toContain(PASSWORD);
    expect(JSON.stringify({ ...localStorage, ...sessionStorage })).not.toContain(PASSWORD);
  });

  it('without the password (the page was reloaded), goes to sign in with the email filled in', async () => {
    const user = userEvent.setup();
    const router = renderApp(['/confirm?email=ana%40example.com']);
    await typeInto(user, 'Confirmation code', '123456');
    await user.click(screen.getByRole('button', { name: 'Confirm email' }));
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/signin');
    expect(screen.getByLabelText('Email')).toHaveValue('ana@example.com');
    expect(amplifyAuth.signIn).not.toHaveBeenCalled();
  });

  it('after a sign-in refused for an unconfirmed email, signs in with the password typed there', async () => {
    amplifyAuth.signIn.mockRejectedValueOnce(Object.assign(new Error('User is not confirmed.'), { name: 'UserNotConfirmedException' }));
    const user = userEvent.setup();
    const router = renderApp(['/signin']);
    await typeInto(user, 'Email', 'ana@example.com');
    await typeInto(user, 'Password', PASSWORD);
    await user.keyboard('{Enter}');
    expect(await screen.findByLabelText('Confirmation code')).toBeInTheDocument();
    await typeInto(user, 'Confirmation code', '123456');
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { name: 'Home' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/');
    expect(amplifyAuth.signIn).toHaveBeenCalledTimes(2);
  });
});
