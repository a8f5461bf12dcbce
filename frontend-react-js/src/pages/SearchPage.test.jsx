import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { testProviders } from '../test/providers';
import { SearchPage } from './SearchPage';

// Amplify is a boundary: signed out, so the API client sends no token.
vi.mock('aws-amplify/auth', () => ({ fetchAuthSession: vi.fn(async () => ({})) }));

const json = (status, body) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const ANSWERS = {
  '/api/trends': { items: [{ tag: '#aws', count: 3 }], next_cursor: null },
  '/api/users/suggested': { items: [{ uuid: 'u1', handle: 'ben', display_name: 'Ben B', avatar_url: null }], next_cursor: null },
};

/** The browser's answer to matchMedia: the window is `width` px wide. */
function windowWidth(width) {
  vi.stubGlobal('matchMedia', (query) => ({
    matches: Number(/max-width: (\d+)px/.exec(query)[1]) >= width,
    media: query,
    addEventListener: () => {},
    removeEventListener: () => {},
  }));
}

function renderSearch(path) {
  const router = createMemoryRouter([{ path: '/search', element: <SearchPage /> }], { initialEntries: [path] });
  render(<RouterProvider router={router} />, { wrapper: testProviders() });
}

beforeEach(() => {
  vi.stubGlobal('fetch', vi.fn(async (url) => json(200, ANSWERS[url.split('?')[0]] ?? { items: [], next_cursor: null })));
});

afterEach(() => vi.unstubAllGlobals());

describe('SearchPage without a term', () => {
  it('on a phone, where the Discover column is hidden, shows Trending and Suggested Users', async () => {
    windowWidth(390);
    renderSearch('/search');
    const trending = await screen.findByRole('region', { name: 'Trending' });
    expect(await screen.findByRole('link', { name: /#aws/ })).toHaveAttribute('href', '/search?term=%23aws');
    expect(trending).toContainElement(screen.getByRole('link', { name: /#aws/ }));
    expect(screen.getByRole('region', { name: 'Suggested Users' })).toBeInTheDocument();
    expect(await screen.findByText('Ben B')).toBeInTheDocument();
  });

  it('on a wide screen leaves them to the Discover column', () => {
    windowWidth(1440);
    renderSearch('/search');
    expect(screen.getByText('Search for people, words or #hashtags')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Trending' })).not.toBeInTheDocument();
  });

  it('with a term shows results, not the cards, on a phone too', async () => {
    windowWidth(390);
    renderSearch('/search?term=aws');
    expect(screen.getByRole('heading', { name: 'People' })).toBeInTheDocument();
    expect(await screen.findByText('No people match “aws”')).toBeInTheDocument();
    expect(await screen.findByText('No cruds match “aws”')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Trending' })).not.toBeInTheDocument();
  });
});
