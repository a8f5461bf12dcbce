import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testProviders } from '../../../test/providers';
import { ActivityItem, LEAVING_MILLISECONDS } from './ActivityItem';

// Amplify is a boundary: signed out, so the API client sends no token.
vi.mock('aws-amplify/auth', () => ({ fetchAuthSession: vi.fn(async () => ({})) }));

const NOW = Date.now();
const crud = (fields) => ({
  uuid: '7d1c2f4e-1111-4a2b-9c3d-0123456789ab',
  message: 'hello',
  handle: 'bob',
  display_name: 'Bob B',
  avatar_url: null,
  created_at: new Date(NOW - 60_000).toISOString(),
  expires_at: new Date(NOW + 3_600_000).toISOString(),
  reply_to_activity_uuid: null,
  reply_to_handle: null,
  replies_count: 0,
  likes_count: 0,
  reposts_count: 0,
  ...fields,
});

function renderItem(activity, props = {}) {
  const router = createMemoryRouter([{ path: '/', element: <ActivityItem activity={activity} {...props} /> }]);
  render(<RouterProvider router={router} />, { wrapper: testProviders() });
}

describe('ActivityItem', () => {
  it('says whom a reply answers, linking to the crud it answers', () => {
    renderItem(crud({ reply_to_activity_uuid: '0a0a0a0a-2222-4b3c-8d4e-0123456789ab', reply_to_handle: 'alice' }));
    const article = screen.getByRole('article', { name: 'Crud by Bob B' });
    const link = screen.getByRole('link', { name: 'Replying to @alice' });
    expect(article).toContainElement(link);
    expect(link).toHaveAttribute('href', '/@alice/status/0a0a0a0a-2222-4b3c-8d4e-0123456789ab');
  });

  it('says nothing of the kind for a top-level crud', () => {
    renderItem(crud({}));
    expect(screen.getByRole('article', { name: 'Crud by Bob B' })).toBeInTheDocument();
    expect(screen.queryByText(/Replying to/)).not.toBeInTheDocument();
  });
});

describe('ActivityItem on the shared clock', () => {
  const START = new Date('2026-11-27T10:00:00Z').getTime();
  const at = (ms) => new Date(START + ms).toISOString();
  afterEach(() => vi.useRealTimers());

  it('moves its relative time on while the page is open', () => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
    renderItem(crud({ created_at: at(-30_000), expires_at: at(24 * 3_600_000) }));
    const created = screen.getByRole('link', { name: /open this crud/ });
    expect(created).toHaveTextContent(/^now/);
    act(() => vi.advanceTimersByTime(30_000));
    expect(created).toHaveTextContent(/^1m/);
    act(() => vi.advanceTimersByTime(4 * 60_000));
    expect(created).toHaveTextContent(/^5m/);
    act(() => vi.advanceTimersByTime(3 * 3_600_000));
    expect(created).toHaveTextContent(/^3h/);
  });

  it('fades out when it expires, then is removed and tells the page', () => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
    const onExpire = vi.fn();
    renderItem(crud({ created_at: at(-60_000), expires_at: at(2_000) }), { onExpire });
    const article = screen.getByRole('article', { name: 'Crud by Bob B' });
    expect(article).not.toHaveClass('activity-leaving');

    act(() => vi.advanceTimersByTime(2_000));
    expect(article).toHaveClass('activity-leaving');
    expect(article).toBeInTheDocument();
    expect(onExpire).not.toHaveBeenCalled();

    act(() => vi.advanceTimersByTime(LEAVING_MILLISECONDS));
    expect(screen.queryByRole('article')).not.toBeInTheDocument();
    expect(onExpire).toHaveBeenCalledExactlyOnceWith('7d1c2f4e-1111-4a2b-9c3d-0123456789ab');
  });

  it('shows its photos; opening one and clicking inside the viewer stays on the page (not the crud page)', async () => {
    const photo = (n) => ({
      uuid: `0c0c0c0c-0000-4000-8000-00000000000${n}`,
      status: 'ready',
      url: `https://media.test/${n}.webp`,
      preview_url: `https://media.test/${n}-640.webp`,
      width: 640,
      height: 480,
      alt: `View ${n}`,
      reason: null,
    });
    const router = createMemoryRouter([
      { path: '/', element: <ActivityItem activity={crud({ media: [photo(1), photo(2)] })} /> },
      { path: '/:handle/status/:uuid', element: <p>The crud page</p> },
    ]);
    render(<RouterProvider router={router} />, { wrapper: testProviders() });
    const user = userEvent.setup();

    expect(screen.getAllByRole('img', { name: /View/ })).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: 'View 2' }));
    const viewer = screen.getByRole('dialog', { name: 'Photo 2 of 2' });
    await user.click(within(viewer).getByRole('img', { name: 'View 2' }));
    expect(router.state.location.pathname).toBe('/');
  });
});
