import { render, screen, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { crud, fakeApi, json } from '../test/fake-api';
import { signedInAs, testProviders } from '../test/providers';
import { NotificationsPage } from './NotificationsPage';

// Cognito (through Amplify) and the API (through fetch) are the boundaries; everything between is ours.
vi.mock('aws-amplify/auth', () => ({
  fetchAuthSession: vi.fn(async () => ({ tokens: { accessToken: { toString: () => 'access-token' } } })),
}));

const person = (handle, name) => ({ uuid: `u-${handle}`, handle, display_name: name, avatar_url: null });
const [ana, ben, cat, dan, eve, fay] = [
  person('ana', 'Ana'),
  person('ben', 'Ben'),
  person('cat', 'Cat'),
  person('dan', 'Dan'),
  person('eve', 'Eve'),
  person('fay', 'Fay'),
];
const mine = crud({ uuid: 'c0000000-0000-4000-8000-00000000000a', handle: 'me', message: 'My crud A' });
const other = crud({ uuid: 'c0000000-0000-4000-8000-00000000000b', handle: 'me', message: 'My crud B' });
let minute = 60;
const notification = (type, actor, activity = null, read = true) => {
  minute -= 1;
  return {
    uuid: `n-${minute}`,
    type,
    actor,
    activity,
    read,
    created_at: new Date(Date.UTC(2026, 10, 27, 10, minute)).toISOString(),
  };
};

afterEach(() => vi.unstubAllGlobals());

describe('the notifications', () => {
  it('group likes and reposts by crud and follows together, newest first, with up to four faces', async () => {
    const items = [
      notification('like', ana, mine, false),
      notification('follow', eve),
      notification('like', ben, other),
      notification('reply', cat, crud({ uuid: 'c0000000-0000-4000-8000-00000000000c', handle: 'cat', message: 'A reply' })),
      notification('like', cat, mine),
      notification('repost', dan, mine),
      notification('like', dan, mine),
      notification('follow', fay),
      notification('like', eve, mine),
    ];
    fakeApi(({ method }) => {
      if (method === 'GET') return json(200, { items, next_cursor: null, unread_count: 1, unread_messages_count: 0 });
      return json(204);
    });
    const router = createMemoryRouter([{ path: '/notifications', element: <NotificationsPage /> }], { initialEntries: ['/notifications'] });
    render(<RouterProvider router={router} />, { wrapper: testProviders({ auth: signedInAs({ handle: 'me' }) }) });

    const list = await screen.findByRole('region', { name: 'Notifications' });
    const links = within(list).getAllByRole('link');
    const said = (link) => link.querySelector('.notification-text > span').textContent;
    const about = (link) => link.querySelector('.notification-activity')?.textContent ?? null;
    expect(links.map(said)).toEqual([
      'Ana and 3 others liked your crud (new)',
      'Eve and Fay followed you',
      'Ben liked your crud',
      'Cat replied to your crud',
      'Dan reposted your crud',
    ]);
    expect(links.map(about)).toEqual(['My crud A', null, 'My crud B', 'A reply', 'My crud A']);
    expect(links[0]).toHaveAttribute('href', `/@me/status/${mine.uuid}`);
    expect(links[0]).toHaveClass('notification-unread');
    expect(links[0].querySelectorAll('.avatar')).toHaveLength(4);
    expect(links[1]).toHaveAttribute('href', '/@eve');
    expect(links[1]).not.toHaveClass('notification-unread');
    expect(links[1].querySelectorAll('.avatar')).toHaveLength(2);
    expect(links[2]).toHaveAttribute('href', `/@me/status/${other.uuid}`);
    expect(links[2].querySelectorAll('.avatar')).toHaveLength(1);
  });
});
