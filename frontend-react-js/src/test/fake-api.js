import { vi } from 'vitest';

export const json = (status, body) =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

export const apiError = (status, message, headers = {}) =>
  new Response(JSON.stringify({ errors: [{ code: 'error', message, field: null }] }), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });

/**
 * The API behind a stubbed fetch (the network boundary). `answer(request)` gets { method, path, query, body }
 * and returns a Response (or a promise of one, to hold a request open). Every request is kept in `requests`.
 */
export function fakeApi(answer) {
  const requests = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url, init = {}) => {
      const parsed = new URL(url, 'http://localhost');
      const request = {
        method: init.method || 'GET',
        path: parsed.pathname,
        query: Object.fromEntries(parsed.searchParams),
        body: init.body ? JSON.parse(init.body) : undefined,
      };
      requests.push(request);
      return answer(request);
    }),
  );
  const count = (method, path) => requests.filter((request) => request.method === method && request.path === path).length;
  return { requests, count };
}

/** A promise with its resolve outside, to answer a request when the test chooses. */
export function deferred() {
  let resolve;
  const promise = new Promise((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

const FAR_FUTURE = new Date(Date.now() + 24 * 3600 * 1000).toISOString();

export const crud = (overrides = {}) => ({
  uuid: '7d1c2f4e-1111-4a2b-9c3d-000000000001',
  message: 'Hello #cruddur',
  handle: 'andrew',
  display_name: 'Andrew Brown',
  avatar_url: null,
  created_at: new Date().toISOString(),
  expires_at: FAR_FUTURE,
  reply_to_activity_uuid: null,
  replies_count: 0,
  likes_count: 0,
  reposts_count: 0,
  liked: false,
  reposted: false,
  media: [],
  ...overrides,
});
