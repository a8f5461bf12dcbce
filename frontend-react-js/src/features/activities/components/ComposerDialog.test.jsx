import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testProviders } from '../../../test/providers';
import { ComposerDialog } from './ComposerDialog';

// Cognito (through Amplify) and the API (through fetch) are the boundaries; localStorage is the browser's own.
vi.mock('aws-amplify/auth', () => ({
  fetchAuthSession: vi.fn().mockResolvedValue({ tokens: { accessToken: { toString: () => 'access-token' } } }),
}));

const KEY = 'cruddur:draft:7d3f9a52-0000-4000-8000-00000000000a';

/** POST /api/activities behind fetch; each call waits until the test answers it. */
function fakeActivitiesApi() {
  const posts = [];
  vi.stubGlobal('fetch', vi.fn((url, init) => new Promise((resolve) => posts.push({ url, init, answer: resolve }))));
  return posts;
}

const created = (message) =>
  new Response(JSON.stringify({ uuid: 'b6f3f0a2-0000-4000-8000-000000000001', message }), {
    status: 201,
    headers: { 'Content-Type': 'application/json' },
  });

/** The composer as the layout opens it: a Crud button and the "New crud" dialog, for the person of `draftKey`. */
function ComposerOnAPage({ draftKey = KEY }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Crud
      </button>
      <ComposerDialog open={open} onClose={() => setOpen(false)} onPosted={() => setOpen(false)} draftKey={draftKey} />
    </>
  );
}

// Closed, the dialog has no name (its title is hidden with it); it is the only dialog here.
const composer = () => screen.getByRole('dialog', { hidden: true });
const messageBox = () => within(composer()).getByRole('textbox', { name: 'Message' });
const expiry = () => within(composer()).getByRole('combobox', { name: 'Expires after' });
const stored = () => JSON.parse(window.localStorage.getItem(KEY));

async function renderAndOpen(props) {
  const user = userEvent.setup();
  render(<ComposerOnAPage {...props} />, { wrapper: testProviders() });
  await user.click(screen.getByRole('button', { name: 'Crud' }));
  return user;
}

afterEach(() => {
  vi.unstubAllGlobals();
  window.localStorage.clear();
});

describe('the composer keeps a draft', () => {
  it('asks on Escape with text in it, with the focus on Keep draft; Keep closes and reopening restores the text', async () => {
    const user = await renderAndOpen();
    await user.keyboard('Half a thought');
    await user.keyboard('{Escape}');

    expect(composer()).toHaveAttribute('open');
    const prompt = within(composer()).getByRole('alertdialog', { name: 'Keep this draft?' });
    expect(within(prompt).getByRole('button', { name: 'Keep draft' })).toHaveFocus();
    await user.click(within(prompt).getByRole('button', { name: 'Keep draft' }));
    expect(composer()).not.toHaveAttribute('open');

    await user.click(screen.getByRole('button', { name: 'Crud' }));
    expect(messageBox()).toHaveValue('Half a thought');
    expect(messageBox()).toHaveFocus();
    // Typing carries on after the kept text.
    await user.keyboard(', finished.');
    expect(messageBox()).toHaveValue('Half a thought, finished.');
  });

  it('keeps the draft when Escape is pressed again at the question', async () => {
    const user = await renderAndOpen();
    await user.keyboard('Half a thought');
    await user.keyboard('{Escape}');
    await user.keyboard('{Escape}');
    expect(composer()).not.toHaveAttribute('open');
    expect(stored()).toEqual({ text: 'Half a thought', ttl: '7-days' });
  });

  it.each([
    ['the Close button', (user) => user.click(within(composer()).getByRole('button', { name: 'Close' }))],
    ['the backdrop', (user) => user.click(composer())],
  ])('asks before closing by %s too', async (_how, close) => {
    const user = await renderAndOpen();
    await user.keyboard('Half a thought');
    await close(user);
    expect(composer()).toHaveAttribute('open');
    expect(within(composer()).getByRole('alertdialog', { name: 'Keep this draft?' })).toBeInTheDocument();
  });

  it('Discard empties the draft, here and in storage', async () => {
    const user = await renderAndOpen();
    await user.keyboard('Never mind');
    await user.keyboard('{Escape}');
    await user.click(screen.getByRole('button', { name: 'Discard' }));
    expect(composer()).not.toHaveAttribute('open');
    expect(window.localStorage.getItem(KEY)).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Crud' }));
    expect(messageBox()).toHaveValue('');
  });

  it('closes an empty composer at once, without asking', async () => {
    const user = await renderAndOpen();
    await user.keyboard('{Escape}');
    expect(composer()).not.toHaveAttribute('open');
    expect(screen.queryByRole('alertdialog', { hidden: true })).toBeNull();
  });

  it('restores the text and the expiry saved before a reload, for the same person only', async () => {
    window.localStorage.setItem(KEY, JSON.stringify({ text: 'Written before the reload', ttl: '1-hour' }));
    const user = await renderAndOpen();
    expect(messageBox()).toHaveValue('Written before the reload');
    expect(expiry()).toHaveValue('1-hour');
    await user.keyboard('{Escape}');
    await user.click(screen.getByRole('button', { name: 'Keep draft' }));
  });

  it('does not show one person the draft of another', async () => {
    window.localStorage.setItem(KEY, JSON.stringify({ text: 'Somebody else', ttl: '7-days' }));
    await renderAndOpen({ draftKey: 'cruddur:draft:another-person' });
    expect(messageBox()).toHaveValue('');
  });

  it('saves the text and the chosen expiry as they change', async () => {
    const user = await renderAndOpen();
    await user.keyboard('Typed');
    await user.selectOptions(expiry(), '3-hours');
    expect(stored()).toEqual({ text: 'Typed', ttl: '3-hours' });
  });

  it('keeps the draft when the post fails, and clears it only after a post succeeds', async () => {
    const posts = fakeActivitiesApi();
    const user = await renderAndOpen();
    await user.keyboard('Posted at last');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(posts).toHaveLength(1));
    posts[0].answer(Promise.reject(new TypeError('Failed to fetch')));
    await waitFor(() => expect(within(composer()).getByRole('button', { name: 'Send' })).toBeEnabled());
    expect(stored()).toEqual({ text: 'Posted at last', ttl: '7-days' });

    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(posts).toHaveLength(2));
    expect(stored()).toEqual({ text: 'Posted at last', ttl: '7-days' });
    posts[1].answer(created('Posted at last'));
    await waitFor(() => expect(composer()).not.toHaveAttribute('open'));
    expect(window.localStorage.getItem(KEY)).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Crud' }));
    expect(messageBox()).toHaveValue('');
  });
});
