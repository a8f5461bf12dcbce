import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as amplifyAuth from 'aws-amplify/auth';
import { createMemoryRouter, Outlet, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider, useAuth } from '../../../lib/auth';
import { RequireHandle } from './RequireHandle';

// Cognito (through Amplify) and the API (through fetch) are the boundaries; everything between is ours.
vi.mock('aws-amplify/auth', () => ({
  getCurrentUser: vi.fn(),
  fetchAuthSession: vi.fn(),
  fetchUserAttributes: vi.fn(),
  signOut: vi.fn(),
}));

const json = (status, body) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const apiError = (status, code, message) => json(status, { errors: [{ code, message, field: 'handle' }] });
const HANDLE_TAKEN_AT_SIGN_IN = () => apiError(409, 'handle_taken', 'The username @andrew belongs to someone else');
const profile = (handle) => ({
  uuid: 'u-ana', handle, display_name: 'Ana B', bio: null, avatar_url: null,
  cruds_count: 0, followers_count: 0, following_count: 0, created_at: '2026-11-27T10:00:00+00:00', is_me: true,
});

/**
 * The API behind fetch. `me` answers GET /api/users/me in turn; `claims` answers PUT /api/users/me/handle in
 * turn; GET /api/handles/{handle} says everything but `taken` is free.
 */
function fakeApi({ me, claims = [], taken = ['andrew'] }) {
  const requests = [];
  vi.stubGlobal('fetch', vi.fn(async (url, init) => {
    requests.push({ method: init.method, url, body: init.body && JSON.parse(init.body), authorization: init.headers.Authorization });
    if (url === '/api/users/me') return me.shift()();
    if (url === '/api/users/me/handle' && init.method === 'PUT') return claims.shift()();
    if (url.startsWith('/api/handles/')) {
      const handle = decodeURIComponent(url.slice('/api/handles/'.length));
      return json(200, { handle, available: !taken.includes(handle) });
    }
    return json(404, { errors: [{ code: 'not_found', message: `Not in this test: ${url}`, field: null }] });
  }));
  return requests;
}

function SignedInHome() {
  const { status, user } = useAuth();
  return <p>Home for {status} @{user?.handle}</p>;
}

function renderApp() {
  const router = createMemoryRouter(
    [{ element: <RequireHandle><Outlet /></RequireHandle>, children: [{ path: '/', element: <SignedInHome /> }] }],
    { initialEntries: ['/'] },
  );
  render(
    <AuthProvider>
      <RouterProvider router={router} />
    </AuthProvider>,
  );
}

const claimsOf = (requests) => requests.filter((request) => request.method === 'PUT');

beforeEach(() => {
  amplifyAuth.getCurrentUser.mockResolvedValue({ userId: 'cognito-ana' });
  amplifyAuth.fetchAuthSession.mockResolvedValue({ tokens: { accessToken: { toString: () => 'access-ana' } } });
  amplifyAuth.fetchUserAttributes.mockResolvedValue({ email: 'ana@example.com', name: 'Ana B', preferred_username: 'andrew' });
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.clearAllMocks();
});

describe('RequireHandle', () => {
  it('lets an account with a profile through', async () => {
    fakeApi({ me: [() => json(200, profile('ana_b'))] });
    renderApp();
    expect(await screen.findByText('Home for signedIn @ana_b')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Choose your username' })).not.toBeInTheDocument();
  });

  it('asks for another username when the one chosen at sign-up was taken before the first sign-in', async () => {
    fakeApi({ me: [HANDLE_TAKEN_AT_SIGN_IN] });
    renderApp();
    expect(await screen.findByRole('heading', { name: 'Choose your username' })).toBeInTheDocument();
    expect(screen.getByText(/Someone else took @andrew before you first signed in/)).toBeInTheDocument();
    expect(screen.getByLabelText('Username')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save' })).toBeInTheDocument();
    expect(screen.queryByText(/Home for/)).not.toBeInTheDocument();
    // The title is set by an effect, which React may run after the heading is already in the document.
    await waitFor(() => expect(document.title).toBe('Choose your username | Cruddur'));
  });

  it('asks for a username when the one given at sign-up can never be one', async () => {
    // Cognito takes any preferred_username; the API answers 422 invalid_handle for one that is no handle.
    amplifyAuth.fetchUserAttributes.mockResolvedValue({ email: 'ana@example.com', name: 'Ana B', preferred_username: 'ana b!' });
    fakeApi({ me: [() => apiError(422, 'invalid_handle', "The account's username must be 3-20 of a-z, 0-9 and _")] });
    renderApp();
    expect(await screen.findByRole('heading', { name: 'Choose your username' })).toBeInTheDocument();
    expect(screen.getByText(/"ana b!" cannot be a username/)).toBeInTheDocument();
    expect(screen.queryByText(/Home for/)).not.toBeInTheDocument();
  });

  it('claims a free username and carries on signed in with that profile', async () => {
    const requests = fakeApi({ me: [HANDLE_TAKEN_AT_SIGN_IN], claims: [() => json(200, profile('ana_b'))] });
    const user = userEvent.setup();
    renderApp();
    const username = await screen.findByLabelText('Username');

    await user.type(username, 'ana_b');
    expect(await screen.findByText('@ana_b is available')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Home for signedIn @ana_b')).toBeInTheDocument();
    expect(claimsOf(requests)).toEqual([
      { method: 'PUT', url: '/api/users/me/handle', body: { handle: 'ana_b' }, authorization: 'Bearer access-ana' },
    ]);
    // The ID token Amplify keeps named the old preferred_username; it is renewed.
    expect(amplifyAuth.fetchAuthSession).toHaveBeenCalledWith({ forceRefresh: true });
  });

  it('says on the field when the username was claimed by someone else meanwhile, and takes another', async () => {
    const requests = fakeApi({
      me: [HANDLE_TAKEN_AT_SIGN_IN],
      claims: [() => apiError(409, 'handle_taken', 'The username @ana_b belongs to someone else'), () => json(200, profile('ana_b2'))],
    });
    const user = userEvent.setup();
    renderApp();
    const username = await screen.findByLabelText('Username');

    await user.type(username, 'ana_b');
    await screen.findByText('@ana_b is available');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Username: @ana_b is taken. Choose another one.');
    expect(username).toHaveAttribute('aria-invalid', 'true');
    expect(username).toHaveAccessibleDescription(expect.stringContaining('@ana_b is taken'));
    expect(screen.queryByText(/is available/)).not.toBeInTheDocument();

    await user.type(username, '2');
    expect(await screen.findByText('@ana_b2 is available')).toBeInTheDocument();
    expect(username).not.toHaveAttribute('aria-invalid');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Home for signedIn @ana_b2')).toBeInTheDocument();
    expect(claimsOf(requests).map((request) => request.body.handle)).toEqual(['ana_b', 'ana_b2']);
  });

  it('refuses a username the look-up says is taken without claiming it', async () => {
    const requests = fakeApi({ me: [HANDLE_TAKEN_AT_SIGN_IN] });
    const user = userEvent.setup();
    renderApp();
    await user.type(await screen.findByLabelText('Username'), 'andrew');
    await screen.findByText('@andrew is taken');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Username: @andrew is taken.');
    expect(claimsOf(requests)).toEqual([]);
  });

  it('shows the API refusing a username on the field', async () => {
    fakeApi({ me: [HANDLE_TAKEN_AT_SIGN_IN], claims: [() => apiError(400, 'invalid_handle', 'A username is 3-20 of a-z, 0-9 and _')] });
    const user = userEvent.setup();
    renderApp();
    const username = await screen.findByLabelText('Username');
    await user.type(username, 'ana_b{Enter}');

    await waitFor(() => expect(username).toHaveAccessibleDescription(expect.stringContaining('A username is 3-20 of a-z, 0-9 and _')));
    expect(username).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('heading', { name: 'Choose your username' })).toBeInTheDocument();
  });

  it('carries on when the account got a username meanwhile (another tab)', async () => {
    fakeApi({
      me: [HANDLE_TAKEN_AT_SIGN_IN, () => json(200, profile('ana_tab'))],
      claims: [() => apiError(400, 'handle_already_set', 'This account already has a username')],
    });
    const user = userEvent.setup();
    renderApp();
    await user.type(await screen.findByLabelText('Username'), 'ana_b{Enter}');
    expect(await screen.findByText('Home for signedIn @ana_tab')).toBeInTheDocument();
  });
});
