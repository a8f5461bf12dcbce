import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as amplifyAuth from 'aws-amplify/auth';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider } from '../../../lib/auth';
import { SignupForm } from './SignupForm';

// Cognito (through Amplify) and the API (through fetch) are the boundaries; everything between is ours.
vi.mock('aws-amplify/auth', () => ({
  getCurrentUser: vi.fn(),
  fetchAuthSession: vi.fn(),
  fetchUserAttributes: vi.fn(),
  signUp: vi.fn(),
}));

const json = (status, body) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const tooManyRequests = () =>
  json(429, { errors: [{ code: 'rate_limited', message: 'Too many requests', field: null }] });

/**
 * GET /api/handles/{handle} behind fetch. `answer(handle)` answers a Response (or a promise of one); the
 * fake ignores aborts, like a server whose answer is already on its way.
 */
function fakeHandlesApi(answer) {
  const asked = [];
  vi.stubGlobal('fetch', vi.fn(async (url) => {
    const handle = decodeURIComponent(new URL(url, 'http://app.test').pathname.replace('/api/handles/', ''));
    asked.push(handle);
    return answer(handle);
  }));
  return asked;
}

const TAKEN = new Set(['andrew']);
const byTakenList = (handle) => json(200, { handle, available: !TAKEN.has(handle) });

function renderSignup() {
  const onSignedUp = vi.fn();
  render(
    <AuthProvider>
      <SignupForm onSignedUp={onSignedUp} />
    </AuthProvider>,
  );
  return { onSignedUp, username: screen.getByLabelText('Username') };
}

async function fillOtherFields(user) {
  await user.type(screen.getByLabelText('Name'), 'Ana B');
  await user.type(screen.getByLabelText('Email'), 'ana@example.com');
  await user.type(screen.getByLabelText('Password'), 'Cruddur-test-1');
}

const liveMessage = (input) => input.closest('.field').querySelector('[aria-live="polite"]');

beforeEach(() => {
  amplifyAuth.getCurrentUser.mockRejectedValue(new Error('No signed-in user'));
  amplifyAuth.fetchAuthSession.mockResolvedValue({});
  amplifyAuth.signUp.mockResolvedValue({ isSignUpComplete: false });
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.clearAllMocks();
});

describe('SignupForm username availability', () => {
  it('asks once typing pauses, only for the username as it stands, and announces that it is free', async () => {
    const asked = fakeHandlesApi(byTakenList);
    const user = userEvent.setup();
    const { username } = renderSignup();

    await user.type(username, 'ana_b');
    expect(asked).toEqual([]); // still inside the pause
    expect(await screen.findByText('@ana_b is available')).toBeInTheDocument();
    expect(asked).toEqual(['ana_b']);
    expect(liveMessage(username)).toHaveTextContent('@ana_b is available');
    expect(username).toHaveAccessibleDescription(expect.stringContaining('@ana_b is available'));
    expect(username).not.toHaveAttribute('aria-invalid');
  });

  it('asks nothing for a username that is not well formed', async () => {
    const asked = fakeHandlesApi(byTakenList);
    const user = userEvent.setup();
    const { username } = renderSignup();
    await user.type(username, 'Ab');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(asked).toEqual([]);
    expect(liveMessage(username)).toBeEmptyDOMElement();
  });

  it('marks a taken username on the field', async () => {
    fakeHandlesApi(byTakenList);
    const user = userEvent.setup();
    const { username } = renderSignup();
    await user.type(username, 'andrew');
    expect(await screen.findByText('@andrew is taken')).toBeInTheDocument();
    expect(username).toHaveAttribute('aria-invalid', 'true');
    expect(username).toHaveAccessibleDescription(expect.stringContaining('@andrew is taken'));
  });

  it('never shows an answer for what was typed before', async () => {
    let answerFirst;
    const firstAnswer = new Promise((resolve) => (answerFirst = resolve));
    const asked = fakeHandlesApi((handle) => (handle === 'andrew' ? firstAnswer : byTakenList(handle)));
    const user = userEvent.setup();
    const { username } = renderSignup();

    await user.type(username, 'andrew');
    await waitFor(() => expect(asked).toEqual(['andrew']));
    await user.type(username, '_2');
    expect(await screen.findByText('@andrew_2 is available')).toBeInTheDocument();

    answerFirst(json(200, { handle: 'andrew', available: false })); // the late answer to the first question
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(liveMessage(username)).toHaveTextContent('@andrew_2 is available');
    expect(screen.queryByText(/@andrew is taken/)).not.toBeInTheDocument();
    expect(username).not.toHaveAttribute('aria-invalid');
  });

  it.each([
    ['the network fails', () => Promise.reject(new TypeError('Failed to fetch'))],
    ['the API is rate limiting (429)', tooManyRequests],
  ])('neither claims available nor blocks sign-up when %s', async (_reason, failure) => {
    fakeHandlesApi(failure);
    const user = userEvent.setup();
    const { username, onSignedUp } = renderSignup();
    await fillOtherFields(user);
    await user.type(username, 'ana_b');

    expect(await screen.findByText("Couldn't check whether @ana_b is free right now.")).toBeInTheDocument();
    expect(screen.queryByText(/is available/)).not.toBeInTheDocument();
    expect(username).not.toHaveAttribute('aria-invalid');

    await user.click(screen.getByRole('button', { name: 'Sign up' }));
    await waitFor(() => expect(onSignedUp).toHaveBeenCalledWith('ana@example.com'));
    expect(amplifyAuth.signUp).toHaveBeenCalledWith(expect.objectContaining({
      options: { userAttributes: { email: 'ana@example.com', name: 'Ana B', preferred_username: 'ana_b' } },
    }));
  });
});

describe('SignupForm submit', () => {
  it('refuses a taken username, naming the field, without asking Cognito', async () => {
    fakeHandlesApi(byTakenList);
    const user = userEvent.setup();
    const { username, onSignedUp } = renderSignup();
    await fillOtherFields(user);
    await user.type(username, 'andrew');
    await screen.findByText('@andrew is taken');

    await user.click(screen.getByRole('button', { name: 'Sign up' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Username: @andrew is taken. Choose another one.');
    expect(amplifyAuth.signUp).not.toHaveBeenCalled();
    expect(onSignedUp).not.toHaveBeenCalled();
  });

  it('asks at once when Sign up comes before the pause is over, and refuses a taken username', async () => {
    const asked = fakeHandlesApi(byTakenList);
    const user = userEvent.setup();
    const { username } = renderSignup();
    await fillOtherFields(user);
    await user.type(username, 'andrew{Enter}');

    expect(await screen.findByRole('alert')).toHaveTextContent('Username: @andrew is taken.');
    expect(asked).toContain('andrew');
    expect(amplifyAuth.signUp).not.toHaveBeenCalled();
  });

  it('signs up with a free username', async () => {
    fakeHandlesApi(byTakenList);
    const user = userEvent.setup();
    const { username, onSignedUp } = renderSignup();
    await fillOtherFields(user);
    await user.type(username, 'ana_b');
    await screen.findByText('@ana_b is available');

    await user.click(screen.getByRole('button', { name: 'Sign up' }));

    await waitFor(() => expect(onSignedUp).toHaveBeenCalledWith('ana@example.com'));
    expect(amplifyAuth.signUp).toHaveBeenCalledOnce();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
