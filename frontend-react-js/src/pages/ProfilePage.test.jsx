import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, crud, deferred, fakeApi, json } from '../test/fake-api';
import { signedInAs, testProviders } from '../test/providers';
import { ProfilePage } from './ProfilePage';

vi.mock('aws-amplify/auth', () => ({
  fetchAuthSession: vi.fn(async () => ({ tokens: { accessToken: { toString: () => 'access-token' } } })),
}));

const profile = (overrides = {}) => ({
  uuid: 'a1b2c3d4-0000-4000-8000-000000000001',
  handle: 'andrew',
  display_name: 'Andrew Brown',
  bio: '',
  avatar_url: null,
  cruds_count: 1,
  followers_count: 2,
  following_count: 0,
  created_at: new Date().toISOString(),
  following: false,
  is_me: false,
  ...overrides,
});

function renderProfile(viewer) {
  const router = createMemoryRouter([{ path: '/:atHandle', element: <ProfilePage /> }], { initialEntries: ['/@andrew'] });
  render(<RouterProvider router={router} />, { wrapper: testProviders({ auth: signedInAs({ handle: viewer }) }) });
}

afterEach(() => vi.unstubAllGlobals());

describe('editing my profile', () => {
  it('shows the new display name on my cruds at once, without fetching them again', async () => {
    const api = fakeApi(({ method, path, body }) => {
      if (method === 'GET' && path === '/api/activities/@andrew') {
        return json(200, { profile: profile({ is_me: true }), items: [crud()], next_cursor: null });
      }
      if (method === 'POST' && path === '/api/profile/update') return json(200, profile({ is_me: true, display_name: body.display_name }));
      throw new Error(`unexpected ${method} ${path}`);
    });
    const user = userEvent.setup();
    renderProfile('andrew');
    expect(await screen.findByRole('article', { name: 'Crud by Andrew Brown' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Edit profile' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit profile' });
    const name = within(dialog).getByLabelText('Display name');
    await user.clear(name);
    await user.type(name, 'Andy B');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    const article = await screen.findByRole('article', { name: 'Crud by Andy B' });
    expect(within(article).getByText('Andy B')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Andy B' })).toBeInTheDocument();
    expect(api.count('GET', '/api/activities/@andrew')).toBe(1);
  });
});

describe('following', () => {
  it('counts at once, ignores a second press, and rolls back with a toast when the API fails', async () => {
    const answer = deferred();
    const api = fakeApi(({ method, path }) => {
      if (method === 'GET' && path === '/api/activities/@andrew') return json(200, { profile: profile(), items: [], next_cursor: null });
      if (method === 'POST' && path === '/api/users/@andrew/follow') return answer.promise;
      throw new Error(`unexpected ${method} ${path}`);
    });
    const user = userEvent.setup();
    renderProfile('ben');
    const header = await screen.findByRole('region', { name: 'Profile' });
    expect(header).toHaveTextContent('2 Followers');
    await user.click(within(header).getByRole('button', { name: 'Follow' }));

    expect(within(header).getByRole('button', { name: 'Unfollow' })).toHaveAttribute('aria-pressed', 'true');
    expect(header).toHaveTextContent('3 Followers');
    await user.click(within(header).getByRole('button', { name: 'Unfollow' }));
    expect(api.count('POST', '/api/users/@andrew/follow')).toBe(1);
    expect(api.count('DELETE', '/api/users/@andrew/follow')).toBe(0);

    answer.resolve(apiError(500, 'Something broke.'));
    expect(await within(header).findByRole('button', { name: 'Follow' })).toHaveAttribute('aria-pressed', 'false');
    expect(header).toHaveTextContent('2 Followers');
    await waitFor(() => expect(screen.getByText('Could not follow @andrew: Something broke.')).toBeInTheDocument());
  });
});
