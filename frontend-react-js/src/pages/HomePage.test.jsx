import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, crud, deferred, fakeApi, json } from '../test/fake-api';
import { signedInAs, testProviders } from '../test/providers';
import { HomePage } from './HomePage';

// Cognito (through Amplify) and the API (through fetch) are the boundaries; everything between is ours.
vi.mock('aws-amplify/auth', () => ({
  fetchAuthSession: vi.fn(async () => ({ tokens: { accessToken: { toString: () => 'access-token' } } })),
}));

const HOME = '/api/activities/home';
const LIKE = `/api/activities/${crud().uuid}/like`;

function renderHome({ auth = signedInAs({ handle: 'ben' }) } = {}) {
  const router = createMemoryRouter([{ path: '/', element: <HomePage feed="home" /> }], { initialEntries: ['/'] });
  render(
    <StrictMode>
      <RouterProvider router={router} />
    </StrictMode>,
    { wrapper: testProviders({ auth }) },
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('the home feed', () => {
  it('is asked for once per load, even under StrictMode', async () => {
    const api = fakeApi(() => json(200, { items: [crud()], next_cursor: null }));
    renderHome();
    expect(await screen.findByRole('article', { name: 'Crud by Andrew Brown' })).toBeInTheDocument();
    // Let any second request (a second effect, a second key) happen before counting.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(api.count('GET', HOME)).toBe(1);
  });

  it('waits for the session before asking, so it is not fetched once anonymous and again signed in', async () => {
    const api = fakeApi(() => json(200, { items: [crud()], next_cursor: null }));
    renderHome({ auth: { status: 'loading', user: null } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(api.count('GET', HOME)).toBe(0);
  });
});

describe('liking a crud', () => {
  it('shows at once, ignores a second press while on its way, then takes the server counts', async () => {
    const answer = deferred();
    const api = fakeApi(({ method, path }) => {
      if (method === 'GET' && path === HOME) return json(200, { items: [crud({ likes_count: 4 })], next_cursor: null });
      if (method === 'POST' && path === LIKE) return answer.promise;
      throw new Error(`unexpected ${method} ${path}`);
    });
    const user = userEvent.setup();
    renderHome();
    const article = await screen.findByRole('article', { name: 'Crud by Andrew Brown' });
    await user.click(within(article).getByRole('button', { name: 'Like (4)' }));

    const unlike = within(article).getByRole('button', { name: 'Unlike (5)' });
    expect(unlike).toHaveAttribute('aria-pressed', 'true');
    expect(unlike).toHaveAttribute('aria-disabled', 'true');
    await user.click(unlike); // a second press while the first is on its way
    expect(within(article).getByRole('button', { name: 'Unlike (5)' })).toBeInTheDocument();
    expect(api.count('POST', LIKE)).toBe(1);
    expect(api.count('DELETE', LIKE)).toBe(0);

    answer.resolve(json(200, crud({ liked: true, likes_count: 7 }))); // others liked it meanwhile
    expect(await within(article).findByRole('button', { name: 'Unlike (7)' })).not.toHaveAttribute('aria-disabled');
  });

  it('rolls back with a toast when the API fails', async () => {
    const answer = deferred();
    fakeApi(({ method, path }) => {
      if (method === 'GET' && path === HOME) return json(200, { items: [crud({ likes_count: 4 })], next_cursor: null });
      if (method === 'POST' && path === LIKE) return answer.promise;
      throw new Error(`unexpected ${method} ${path}`);
    });
    const user = userEvent.setup();
    renderHome();
    const article = await screen.findByRole('article', { name: 'Crud by Andrew Brown' });
    await user.click(within(article).getByRole('button', { name: 'Like (4)' }));
    expect(within(article).getByRole('button', { name: 'Unlike (5)' })).toBeInTheDocument();

    answer.resolve(apiError(503, 'Cruddur is busy, try again in a moment.', { 'Retry-After': '1' }));
    const like = await within(article).findByRole('button', { name: 'Like (4)' });
    expect(like).toHaveAttribute('aria-pressed', 'false');
    await waitFor(() => expect(screen.getByText(/Could not like this crud: Cruddur is busy/)).toBeInTheDocument());
  });
});

describe('the next page', () => {
  it('comes with "Load more" and is shown after the first', async () => {
    fakeApi(({ query }) =>
      query.cursor === 'page-2'
        ? json(200, { items: [crud({ uuid: '7d1c2f4e-1111-4a2b-9c3d-000000000002', display_name: 'Second Page' })], next_cursor: null })
        : json(200, { items: [crud()], next_cursor: 'page-2' }),
    );
    const user = userEvent.setup();
    renderHome();
    await screen.findByRole('article', { name: 'Crud by Andrew Brown' });
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByRole('article', { name: 'Crud by Second Page' })).toBeInTheDocument();
    expect(screen.getAllByRole('article')).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });
});
