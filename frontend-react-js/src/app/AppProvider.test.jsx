import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, crud, fakeApi, json } from '../test/fake-api';
import { App } from './App';

// Cognito (through Amplify) and the API (through fetch) are the boundaries; everything between is ours.
vi.mock('aws-amplify/auth', () => ({
  getCurrentUser: vi.fn(async () => {
    throw new Error('not signed in');
  }),
  fetchAuthSession: vi.fn(async () => ({ tokens: undefined })),
  fetchUserAttributes: vi.fn(async () => ({})),
}));

const CONFIG = {
  region: 'us-east-1',
  user_pool_id: 'us-east-1_test',
  user_pool_client_id: 'test-client',
  cognito_endpoint: null,
  assets_base_url: 'http://assets.test',
  stream_url: '/api/stream',
};

/** /api/config answers `configAnswers` in turn (then the config); the feeds answer one crud. */
function apiDownAtFirst(configAnswers, configTimes = []) {
  return fakeApi(({ path }) => {
    if (path === '/api/config') {
      configTimes.push(performance.now());
      return configAnswers.shift()?.() ?? json(200, CONFIG);
    }
    if (path === '/api/activities/home') return json(200, { items: [crud()], next_cursor: null });
    return json(200, { items: [], next_cursor: null });
  });
}

const unavailable = (retryAfter) => () => apiError(503, 'Cruddur is unavailable', retryAfter ? { 'Retry-After': retryAfter } : {});

afterEach(() => vi.unstubAllGlobals());

describe('the app with the API down at first load', () => {
  it('shows its frame and a polite banner, waits as Retry-After asks, and recovers on its own', async () => {
    const asked = [];
    const api = apiDownAtFirst([unavailable('1')], asked);
    render(<App />);

    const banner = await screen.findByText("Can't reach Cruddur right now. Trying again automatically…");
    expect(banner).toHaveAttribute('role', 'status');
    expect(banner).toHaveAttribute('aria-live', 'polite');
    // The frame is there: navigation and the page's heading, not a bare error.
    const navigation = screen.getByRole('navigation', { name: 'Main' });
    expect(within(navigation).getByRole('link', { name: 'Home' })).toBeInTheDocument();
    // The page itself is a lazy chunk; it renders inside the frame once loaded.
    expect(await screen.findByRole('heading', { level: 1, name: 'Home' })).toBeInTheDocument();

    expect(await screen.findByRole('article', { name: 'Crud by Andrew Brown' }, { timeout: 3000 })).toBeInTheDocument();
    expect(screen.queryByText(/Can't reach Cruddur/)).not.toBeInTheDocument();
    expect(api.count('GET', '/api/config')).toBe(2);
    // Asked again after the second the server asked for, not sooner (nor much later).
    expect(asked[1] - asked[0]).toBeGreaterThanOrEqual(950);
    expect(asked[1] - asked[0]).toBeLessThan(2500);
  });

  it('asks again at once when the browser comes back online, and at once with "Try now"', async () => {
    const api = apiDownAtFirst([unavailable('60'), unavailable('60')]);
    render(<App />);
    await screen.findByText(/Can't reach Cruddur/);

    act(() => window.dispatchEvent(new Event('online')));
    await waitFor(() => expect(api.count('GET', '/api/config')).toBe(2));
    await userEvent.setup().click(screen.getByRole('button', { name: 'Try now' }));
    expect(await screen.findByRole('article', { name: 'Crud by Andrew Brown' })).toBeInTheDocument();
    expect(screen.queryByText(/Can't reach Cruddur/)).not.toBeInTheDocument();
    expect(api.count('GET', '/api/config')).toBe(3);
  });
});
