import { render, screen } from '@testing-library/react';
import * as amplifyAuth from 'aws-amplify/auth';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fetchAuthSession, mayHaveSession, tokenStorage } from './amplify-loader';
import { AuthProvider, useAuth } from './auth';

// Cognito (through Amplify) is the boundary: a session here would be Ana's.
vi.mock('aws-amplify/auth', () => ({
  getCurrentUser: vi.fn(async () => ({ userId: 'cognito-ana' })),
  fetchAuthSession: vi.fn(async () => ({ tokens: { accessToken: { toString: () => 'access-ana' } } })),
  fetchUserAttributes: vi.fn(async () => ({})),
}));

function Session() {
  return <p>Session: {useAuth().status}</p>;
}

describe('a browser that has never signed in', () => {
  beforeEach(() => {
    window.localStorage.clear();
    vi.clearAllMocks();
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{}', { status: 200 })));
  });

  it('is signed out without asking Amplify, and the API is called without a token', async () => {
    render(
      <AuthProvider>
        <Session />
      </AuthProvider>,
    );
    expect(await screen.findByText('Session: signedOut')).toBeInTheDocument();
    expect(await fetchAuthSession()).toEqual({});
    expect(amplifyAuth.getCurrentUser).not.toHaveBeenCalled();
    expect(amplifyAuth.fetchAuthSession).not.toHaveBeenCalled();
  });

  it("knows a session may exist once Amplify keeps tokens, only under Cruddur's prefix", async () => {
    window.localStorage.setItem('someone-else.idToken', 'x');
    expect(mayHaveSession()).toBe(false);
    await tokenStorage.setItem('CognitoIdentityServiceProvider.client.ana.accessToken', 'access-ana');
    expect(window.localStorage.getItem('cruddur.auth.CognitoIdentityServiceProvider.client.ana.accessToken')).toBe('access-ana');
    expect(mayHaveSession()).toBe(true);
    expect(await fetchAuthSession()).toEqual({ tokens: expect.anything() });
    await tokenStorage.clear();
    expect(mayHaveSession()).toBe(false);
    expect(window.localStorage.getItem('someone-else.idToken')).toBe('x');
  });
});
