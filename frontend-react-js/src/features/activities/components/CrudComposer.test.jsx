import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dialog } from '../../../components/Dialog';
import { signedInAs, testProviders } from '../../../test/providers';
import { CrudComposer } from './CrudComposer';

// Cognito (through Amplify) and the API (through fetch) are the boundaries; everything between is ours.
vi.mock('aws-amplify/auth', () => ({
  fetchAuthSession: vi.fn().mockResolvedValue({ tokens: { accessToken: { toString: () => 'access-token' } } }),
}));

const created = (message) =>
  new Response(JSON.stringify({ uuid: 'b6f3f0a2-0000-4000-8000-000000000001', message }), {
    status: 201,
    headers: { 'Content-Type': 'application/json' },
  });

/** POST /api/activities behind fetch; each call waits until the test answers it. */
function fakeActivitiesApi() {
  const posts = [];
  vi.stubGlobal('fetch', vi.fn((url, init) => new Promise((resolve) => posts.push({ url, init, answer: resolve }))));
  return posts;
}

/** The composer as the layout opens it: a Crud button and the "New crud" dialog. */
function ComposerOnAPage() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Crud
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title="New crud">
        <CrudComposer onPosted={() => setOpen(false)} />
      </Dialog>
    </>
  );
}

async function openComposer() {
  const user = userEvent.setup();
  render(<ComposerOnAPage />, { wrapper: testProviders({ auth: signedInAs({ handle: 'andrew' }) }) });
  await user.click(screen.getByRole('button', { name: 'Crud' }));
  return user;
}

afterEach(() => vi.unstubAllGlobals());

describe('the crud composer', () => {
  it('opens with the focus in the message box, so typing goes there', async () => {
    const user = await openComposer();
    const message = within(screen.getByRole('dialog', { name: 'New crud' })).getByRole('textbox', { name: 'Message' });
    expect(message).toHaveFocus();
    // No click first: the text must land where the focus already is.
    await user.type(message, 'Hello Cruddur', { skipClick: true });
    expect(message).toHaveValue('Hello Cruddur');
  });

  it.each([
    ['Ctrl+Enter', '{Control>}{Enter}{/Control}'],
    ['Cmd+Enter', '{Meta>}{Enter}{/Meta}'],
  ])('posts on %s and closes only once the post succeeded', async (_shortcut, keys) => {
    const posts = fakeActivitiesApi();
    const user = await openComposer();
    await user.keyboard('Hello Cruddur');
    await user.keyboard(keys);

    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0].url).toBe('/api/activities');
    expect(posts[0].init.method).toBe('POST');
    expect(JSON.parse(posts[0].init.body)).toEqual({ message: 'Hello Cruddur', ttl: '7-days' });
    const dialog = screen.getByRole('dialog', { name: 'New crud' });
    expect(dialog).toHaveAttribute('open');

    posts[0].answer(created('Hello Cruddur'));
    await waitFor(() => expect(dialog).not.toHaveAttribute('open'));
  });

  it('stays open with the text when the post fails', async () => {
    const posts = fakeActivitiesApi();
    const user = await openComposer();
    await user.keyboard('Hello Cruddur');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(posts).toHaveLength(1));

    posts[0].answer(new Response(null, { status: 503 }));
    const dialog = screen.getByRole('dialog', { name: 'New crud' });
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Send' })).toBeEnabled());
    expect(dialog).toHaveAttribute('open');
    expect(within(dialog).getByRole('textbox', { name: 'Message' })).toHaveValue('Hello Cruddur');
  });
});
