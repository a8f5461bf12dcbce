import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from './api-client';
import { ApiError, NETWORK_ERROR_MESSAGE } from './api-error';

const session = (token) => ({ tokens: token ? { accessToken: { toString: () => token } } : undefined });

const jsonResponse = (status, body) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

function setup({ fetchSession = vi.fn().mockResolvedValue(session('token-1')), responses = [jsonResponse(200, {})] } = {}) {
  const fetchImpl = vi.fn();
  for (const response of responses) fetchImpl.mockResolvedValueOnce(response);
  const client = createApiClient({ baseUrl: 'http://api.test', fetchSession, fetchImpl });
  const authorizationOf = (call) => fetchImpl.mock.calls[call][1].headers.Authorization;
  return { client, fetchImpl, fetchSession, authorizationOf };
}

describe('api client', () => {
  it('attaches the current access token and builds the URL with the query', async () => {
    const { client, fetchImpl, authorizationOf } = setup({ responses: [jsonResponse(200, { items: [] })] });
    await expect(client.get('/api/activities/home', { query: { limit: 20, cursor: null } })).resolves.toEqual({ items: [] });
    expect(fetchImpl.mock.calls[0][0]).toBe('http://api.test/api/activities/home?limit=20');
    expect(authorizationOf(0)).toBe('Bearer token-1');
  });

  it('never sends "Bearer null" when signed out', async () => {
    for (const fetchSession of [vi.fn().mockResolvedValue(session(null)), vi.fn().mockRejectedValue(new Error('no user'))]) {
      const { client, fetchImpl, authorizationOf } = setup({ fetchSession });
      await client.get('/api/activities/home');
      expect(authorizationOf(0)).toBeUndefined();
      expect(JSON.stringify(fetchImpl.mock.calls[0][1].headers)).not.toMatch(/Bearer/);
    }
  });

  it('asks for a fresh token on every call so that Amplify can refresh an expiring one', async () => {
    const fetchSession = vi.fn().mockResolvedValueOnce(session('old')).mockResolvedValueOnce(session('renewed'));
    const { client, authorizationOf } = setup({ fetchSession, responses: [jsonResponse(200, {}), jsonResponse(200, {})] });
    await client.get('/api/users/me');
    await client.get('/api/users/me');
    expect(authorizationOf(0)).toBe('Bearer old');
    expect(authorizationOf(1)).toBe('Bearer renewed');
  });

  it('on a 401 forces a token refresh and retries once', async () => {
    const fetchSession = vi.fn(async (options) => session(options?.forceRefresh ? 'refreshed' : 'stale'));
    const { client, fetchImpl, authorizationOf } = setup({
      fetchSession,
      responses: [jsonResponse(401, { errors: [{ code: 'token_expired', message: 'Expired', field: null }] }), jsonResponse(200, { ok: 1 })],
    });
    await expect(client.post('/api/activities', { message: 'hi', ttl: '1-hour' })).resolves.toEqual({ ok: 1 });
    expect(fetchSession).toHaveBeenLastCalledWith({ forceRefresh: true });
    expect(fetchImpl).toHaveBeenCalledTimes(2);
    expect(authorizationOf(1)).toBe('Bearer refreshed');
    expect(fetchImpl.mock.calls[1][1].body).toBe(JSON.stringify({ message: 'hi', ttl: '1-hour' }));
  });

  it('does not retry a 401 when no token was sent', async () => {
    const { client, fetchImpl } = setup({
      fetchSession: vi.fn().mockResolvedValue(session(null)),
      responses: [jsonResponse(401, { errors: [{ code: 'unauthorized', message: 'Sign in first', field: null }] })],
    });
    await expect(client.get('/api/users/me')).rejects.toMatchObject({ status: 401, message: 'Sign in first' });
    expect(fetchImpl).toHaveBeenCalledTimes(1);
  });

  it('turns the errors body into an ApiError with messages and field errors', async () => {
    const { client } = setup({
      responses: [
        jsonResponse(400, {
          errors: [
            { code: 'too_long', message: 'Bio is too long.', field: 'bio' },
            { code: 'required', message: 'Display name is required.', field: 'display_name' },
            { code: 'bad', message: 'Something else.', field: null },
          ],
        }),
      ],
    });
    const error = await client.post('/api/profile/update', {}).catch((caught) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.code).toBe('too_long');
    expect(error.message).toBe('Bio is too long.');
    expect(error.messages).toEqual(['Bio is too long.', 'Display name is required.', 'Something else.']);
    expect(error.fieldErrors).toEqual({ bio: 'Bio is too long.', display_name: 'Display name is required.' });
  });

  it('copes with an error body that is not JSON', async () => {
    const { client } = setup({ responses: [new Response('<html>Bad Gateway</html>', { status: 502 })] });
    const error = await client.get('/api/activities/home').catch((caught) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(502);
    expect(error.message).toBe('Something went wrong (HTTP 502).');
    expect(error.fieldErrors).toEqual({});
  });

  it('turns a network failure into a friendly error', async () => {
    const fetchImpl = vi.fn().mockRejectedValue(new TypeError('Failed to fetch'));
    const client = createApiClient({ fetchSession: vi.fn().mockResolvedValue(session(null)), fetchImpl });
    await expect(client.get('/api/trends')).rejects.toMatchObject({ status: 0, message: NETWORK_ERROR_MESSAGE });
  });

  it('returns null for 204 and skips the token when asked', async () => {
    const { client, fetchSession, authorizationOf } = setup({ responses: [new Response(null, { status: 204 })] });
    await expect(client.delete('/api/activities/abc', { withAuth: false })).resolves.toBeNull();
    expect(fetchSession).not.toHaveBeenCalled();
    expect(authorizationOf(0)).toBeUndefined();
  });
});
