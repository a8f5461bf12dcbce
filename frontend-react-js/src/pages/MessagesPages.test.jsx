import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, Outlet, RouterProvider, useLocation } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SideNav } from '../app/layout/SideNav';
import { deferred, fakeApi, json } from '../test/fake-api';
import { signedInAs, testProviders } from '../test/providers';
import { MessageGroupPage, MessagesPage } from './MessagesPages';

// Cognito (through Amplify) and the API (through fetch) are the boundaries; everything between is ours.
vi.mock('aws-amplify/auth', () => ({
  fetchAuthSession: vi.fn(async () => ({ tokens: { accessToken: { toString: () => 'access-token' } } })),
}));

const GROUP = '5e0f7a3c-0000-4000-8000-0000000000aa';
const ana = { uuid: 'a0000000-0000-4000-8000-000000000001', handle: 'ana', display_name: 'Ana Lopez', avatar_url: null };
const group = (overrides = {}) => ({
  message_group_uuid: GROUP,
  ...ana,
  message: 'Hi Ben',
  created_at: '2026-11-27T10:00:00+00:00',
  unread: false,
  ...overrides,
});
const message = (overrides = {}) => ({
  uuid: 'm0000000-0000-4000-8000-000000000001',
  message_group_uuid: GROUP,
  message: 'Hi Ben',
  handle: 'ana',
  display_name: 'Ana Lopez',
  avatar_url: null,
  created_at: '2026-11-27T10:00:00+00:00',
  ...overrides,
});
const counts = (unreadMessages) => ({
  items: [],
  next_cursor: null,
  unread_count: unreadMessages,
  unread_messages_count: unreadMessages,
});

function WhereAmI() {
  return <p data-testid="location">{useLocation().pathname}</p>;
}

/** The pages under the side navigation, as the app lays them out; the URL shown for the tests to read. */
function renderMessages(initialEntry) {
  const router = createMemoryRouter(
    [
      {
        element: (
          <>
            <SideNav onOpenComposer={() => {}} />
            <Outlet />
            <WhereAmI />
          </>
        ),
        children: [
          { path: '/messages', element: <MessagesPage /> },
          { path: '/messages/:messageGroupUuid', element: <MessageGroupPage /> },
          { path: '/messages/new/:handle', element: <p>Writing to someone</p> },
          { path: '/:atHandle', element: <p>A profile</p> },
        ],
      },
    ],
    { initialEntries: [initialEntry] },
  );
  render(<RouterProvider router={router} />, { wrapper: testProviders({ auth: signedInAs({ handle: 'ben' }) }) });
}

afterEach(() => vi.unstubAllGlobals());

describe('a conversation', () => {
  it('names the other person in its header, links to their profile and back to Messages', async () => {
    fakeApi(({ method, path }) => {
      if (method === 'GET' && path === `/api/message_groups/${GROUP}`) return json(200, group());
      if (method === 'GET' && path === `/api/messages/${GROUP}`) return json(200, { items: [message()], next_cursor: null });
      if (path === '/api/activities/notifications') return json(200, counts(0));
      throw new Error(`unexpected ${method} ${path}`);
    });
    const user = userEvent.setup();
    renderMessages(`/messages/${GROUP}`);

    const main = await screen.findByRole('heading', { level: 1, name: 'Ana Lopez' }, { timeout: 5000 });
    const header = main.closest('header');
    expect(within(header).getByRole('link', { name: '@ana' })).toHaveAttribute('href', '/@ana');
    expect(document.title).toBe('Ana Lopez (@ana) | Cruddur');
    await user.click(within(header).getByRole('link', { name: 'Back to Messages' }));
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/messages$/);
  });

  it('is marked read once when it has unread messages, and the Messages badge clears', async () => {
    const card = deferred();
    let unread = 1;
    const api = fakeApi(({ method, path }) => {
      if (method === 'GET' && path === `/api/message_groups/${GROUP}`) return card.promise;
      if (method === 'GET' && path === `/api/messages/${GROUP}`) return json(200, { items: [message()], next_cursor: null });
      if (method === 'POST' && path === `/api/message_groups/${GROUP}/read`) {
        unread = 0;
        return json(204);
      }
      if (path === '/api/activities/notifications') return json(200, counts(unread));
      throw new Error(`unexpected ${method} ${path}`);
    });
    renderMessages(`/messages/${GROUP}`);
    const navigation = screen.getByRole('navigation', { name: 'Main' });
    const messagesLink = within(navigation).getByRole('link', { name: /Messages/ });
    expect(await within(messagesLink).findByLabelText('1 unread conversation')).toBeInTheDocument();

    card.resolve(json(200, group({ unread: true })));
    await waitFor(() => expect(within(messagesLink).queryByLabelText(/unread/)).not.toBeInTheDocument());
    expect(api.count('POST', `/api/message_groups/${GROUP}/read`)).toBe(1);
  });

  it('is not marked read when nothing in it is unread', async () => {
    const api = fakeApi(({ method, path }) => {
      if (method === 'GET' && path === `/api/message_groups/${GROUP}`) return json(200, group({ unread: false }));
      if (method === 'GET' && path === `/api/messages/${GROUP}`) return json(200, { items: [message()], next_cursor: null });
      if (path === '/api/activities/notifications') return json(200, counts(0));
      throw new Error(`unexpected ${method} ${path}`);
    });
    renderMessages(`/messages/${GROUP}`);
    await screen.findByRole('heading', { level: 1, name: 'Ana Lopez' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(api.count('POST', `/api/message_groups/${GROUP}/read`)).toBe(0);
  });
});

describe('the Messages page', () => {
  it('marks unread conversations', async () => {
    fakeApi(({ path }) => {
      if (path === '/api/message_groups') return json(200, { items: [group({ unread: true })], next_cursor: null });
      if (path === '/api/activities/notifications') return json(200, counts(1));
      throw new Error(`unexpected ${path}`);
    });
    renderMessages('/messages');
    expect(await screen.findByRole('link', { name: /Ana Lopez.*\(unread\)/ })).toBeInTheDocument();
  });

  it('starts a new message: type to find a person, arrow down to them, Enter opens the message to them', async () => {
    const api = fakeApi(({ path, query }) => {
      if (path === '/api/message_groups') return json(200, { items: [], next_cursor: null });
      if (path === '/api/activities/notifications') return json(200, counts(0));
      if (path === '/api/users/search') {
        const people = [
          { ...ana, uuid: 'a0000000-0000-4000-8000-000000000002', handle: 'ben', display_name: 'Ben (me)' },
          ana,
          { ...ana, uuid: 'a0000000-0000-4000-8000-000000000003', handle: 'anabel', display_name: 'Anabel Lee' },
        ];
        return json(200, { items: people.filter((person) => person.handle.startsWith(query.term) || query.term === 'an') });
      }
      throw new Error(`unexpected ${path}`);
    });
    const user = userEvent.setup();
    renderMessages('/messages');
    await user.click(await screen.findByRole('button', { name: 'New message' }));
    const dialog = screen.getByRole('dialog', { name: 'New message' });
    const field = within(dialog).getByRole('combobox', { name: 'Find a person' });
    expect(field).toHaveFocus();

    await user.keyboard('an');
    const options = await within(dialog).findAllByRole('option');
    // The signed-in person is not offered.
    expect(options.map((option) => option.textContent)).toEqual(['ALAna Lopez@ana', 'ALAnabel Lee@anabel']);
    expect(within(dialog).getByRole('status')).toHaveTextContent('2 people found.');
    expect(field).toHaveAttribute('aria-activedescendant', options[0].id);
    await user.keyboard('{ArrowDown}');
    expect(field).toHaveAttribute('aria-activedescendant', options[1].id);
    await user.keyboard('{ArrowUp}{Enter}');

    expect(screen.getByTestId('location')).toHaveTextContent('/messages/new/ana');
    // Asked once the typing paused, not once per key.
    expect(api.requests.filter((request) => request.path === '/api/users/search').map((request) => request.query.term)).toEqual(['an']);
  });
});
