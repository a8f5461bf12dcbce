import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { crud, deferred, fakeApi } from '../test/fake-api';
import { signedInAs, testProviders } from '../test/providers';
import { StatusPage } from './StatusPage';

// Amplify is a boundary: signed out, so the API client sends no token.
vi.mock('aws-amplify/auth', () => ({ fetchAuthSession: vi.fn(async () => ({})) }));

const json = (status, body) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const apiError = (status, code, message, field = null) => json(status, { errors: [{ code, message, field }] });

function renderStatusPage(path, answer) {
  vi.stubGlobal('fetch', vi.fn(async () => answer()));
  const router = createMemoryRouter(
    [
      { path: '/', element: <p>Home feed</p> },
      { path: '/:atHandle/status/:uuid', element: <StatusPage /> },
    ],
    { initialEntries: [path] },
  );
  render(<RouterProvider router={router} />, { wrapper: testProviders() });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('StatusPage for a crud that cannot be shown', () => {
  it.each([
    ['a malformed id (400 invalid_uuid)', '/@andrew/status/not-a-uuid', () => apiError(400, 'invalid_uuid', "'not-a-uuid' is not a UUID", 'uuid')],
    ['a missing crud (404)', '/@andrew/status/7d1c2f4e-1111-4a2b-9c3d-0123456789ab', () => apiError(404, 'not_found', 'No such crud')],
  ])('shows the not-found state for %s, with a way Home and no "Try again"', async (_, path, answer) => {
    renderStatusPage(path, answer);
    expect(await screen.findByText('This crud does not exist or has expired')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to Home' })).toHaveAttribute('href', '/');
    expect(screen.queryByText(/is not a UUID/)).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
  });

  it('offers "Try again" when the server fails (500), since asking again can help', async () => {
    renderStatusPage('/@andrew/status/7d1c2f4e-1111-4a2b-9c3d-0123456789ab', () => json(500, {}));
    expect(await screen.findByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('offers no "Try again" for another 4xx that asking again cannot change (403)', async () => {
    renderStatusPage('/@andrew/status/7d1c2f4e-1111-4a2b-9c3d-0123456789ab', () => apiError(403, 'forbidden', 'Not yours to see'));
    expect(await screen.findByRole('alert')).toHaveTextContent('Not yours to see');
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
  });
});

describe('replying', () => {
  const parent = crud({ replies_count: 0 });
  const path = `/@andrew/status/${parent.uuid}`;

  function renderSignedIn(answer) {
    const api = fakeApi(answer);
    const router = createMemoryRouter([{ path: '/:atHandle/status/:uuid', element: <StatusPage /> }], { initialEntries: [path] });
    render(<RouterProvider router={router} />, { wrapper: testProviders({ auth: signedInAs({ handle: 'ben', displayName: 'Ben' }) }) });
    return api;
  }

  it('shows the reply at once, being sent, and undoes it with a toast when the API fails; the text stays', async () => {
    const answer = deferred();
    renderSignedIn(({ method, path: requested }) => {
      if (method === 'GET') return json(200, { activity: parent, items: [], next_cursor: null });
      if (method === 'POST' && requested === `/api/activities/${parent.uuid}/reply`) return answer.promise;
      throw new Error(`unexpected ${method} ${requested}`);
    });
    const user = userEvent.setup();
    const box = await screen.findByRole('textbox', { name: 'Reply to @andrew' });
    await user.type(box, 'Nice one');
    await user.click(screen.getByRole('button', { name: 'Send' }));

    const replies = screen.getByRole('region', { name: 'Replies' });
    const pending = within(replies).getByRole('article', { name: 'Crud by Ben' });
    expect(pending).toHaveTextContent('Nice one');
    expect(pending).toHaveAttribute('aria-busy', 'true');
    expect(screen.getByRole('button', { name: 'Reply (1)' })).toBeInTheDocument();

    answer.resolve(apiError(503, 'unavailable', 'Try again in a moment.'));
    await waitFor(() => expect(within(replies).queryByRole('article')).not.toBeInTheDocument());
    expect(screen.getByRole('button', { name: 'Reply (0)' })).toBeInTheDocument();
    expect(screen.getByText('Your reply was not sent: Try again in a moment.')).toBeInTheDocument();
    expect(box).toHaveValue('Nice one');
  });

  it('puts the server reply in place of the one being sent', async () => {
    const reply = crud({ uuid: '7d1c2f4e-1111-4a2b-9c3d-0000000000aa', handle: 'ben', display_name: 'Ben', message: 'Nice one', reply_to_activity_uuid: parent.uuid });
    const api = renderSignedIn(({ method }) => (method === 'GET' ? json(200, { activity: parent, items: [], next_cursor: null }) : json(201, reply)));
    const user = userEvent.setup();
    await user.type(await screen.findByRole('textbox', { name: 'Reply to @andrew' }), 'Nice one');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    const replies = screen.getByRole('region', { name: 'Replies' });
    await waitFor(() => expect(within(replies).getByRole('article', { name: 'Crud by Ben' })).not.toHaveAttribute('aria-busy'));
    expect(within(replies).getByRole('button', { name: 'Like (0)' })).toBeInTheDocument();
    expect(screen.getAllByRole('article')).toHaveLength(2);
    expect(api.count('GET', `/api/activities/@andrew/status/${parent.uuid}`)).toBe(1);
  });
});

describe('StatusPage for a crud that expires while it is open', () => {
  afterEach(() => vi.useRealTimers());

  it('fades the crud out and says "This crud has expired" in its place', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const now = Date.now();
    const activity = {
      uuid: '7d1c2f4e-1111-4a2b-9c3d-0123456789ab', message: 'Going, going', handle: 'andrew', display_name: 'Andrew',
      avatar_url: null, created_at: new Date(now - 60_000).toISOString(), expires_at: new Date(now + 3_000).toISOString(),
      reply_to_activity_uuid: null, reply_to_handle: null, replies_count: 0, likes_count: 0, reposts_count: 0,
    };
    renderStatusPage(`/@andrew/status/${activity.uuid}`, () => json(200, { activity, items: [], next_cursor: null }));
    expect(await screen.findByText('Going, going')).toBeInTheDocument();
    expect(screen.queryByText('This crud has expired')).not.toBeInTheDocument();

    await act(async () => vi.advanceTimersByTime(3_000));
    expect(screen.getByRole('article')).toHaveClass('activity-leaving');
    await act(async () => vi.advanceTimersByTime(1_000));
    // Announced: a status of its own (the toasts' live region is another).
    expect(screen.getAllByRole('status').some((region) => region.textContent.includes('This crud has expired'))).toBe(true);
    expect(screen.queryByText('Going, going')).not.toBeInTheDocument();
    expect(screen.queryByText('This crud does not exist or has expired')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to Home' })).toHaveAttribute('href', '/');
  });
});
