import { fetchAuthSession } from './amplify-loader';
import { API_ORIGIN } from '../config/env';
import { ApiError, NETWORK_ERROR_MESSAGE } from './api-error';

async function readErrorBody(response) {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text);
    if (body && Array.isArray(body.errors)) return body.errors;
  } catch {
    // Not JSON (a proxy error page, say): fall back to a message built from the status.
  }
  return [];
}

/** Retry-After is either seconds or an HTTP date; answers milliseconds, or null when absent or unreadable. */
export function parseRetryAfter(value, now = Date.now()) {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function buildUrl(baseUrl, path, query) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query || {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, value);
  }
  const search = params.toString();
  return `${baseUrl}${path}${search ? `?${search}` : ''}`;
}

/**
 * fetchSession is Amplify's fetchAuthSession, through amplify-loader.js (injectable for tests): it returns cached tokens and refreshes
 * them when they are about to expire; { forceRefresh: true } refreshes even if they look valid.
 */
export function createApiClient({ baseUrl = '', fetchSession = fetchAuthSession, fetchImpl } = {}) {
  const doFetch = fetchImpl || ((...args) => globalThis.fetch(...args));

  async function accessToken(forceRefresh) {
    try {
      const session = await fetchSession(forceRefresh ? { forceRefresh: true } : undefined);
      const token = session?.tokens?.accessToken?.toString();
      return token || null;
    } catch {
      return null; // signed out, or the refresh token is no longer valid
    }
  }

  async function send(method, url, body, token, signal) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    try {
      return await doFetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (error) {
      if (error?.name === 'AbortError') throw error;
      throw new ApiError({ status: 0, message: NETWORK_ERROR_MESSAGE });
    }
  }

  async function request(method, path, { body, query, signal, withAuth = true } = {}) {
    const url = buildUrl(baseUrl, path, query);
    const token = withAuth ? await accessToken(false) : null;
    let response = await send(method, url, body, token, signal);
    // A token can be revoked or expire between the check and the call: refresh once and retry.
    if (response.status === 401 && token) {
      const freshToken = await accessToken(true);
      if (freshToken) response = await send(method, url, body, freshToken, signal);
    }
    if (!response.ok) {
      throw new ApiError({
        status: response.status,
        errors: await readErrorBody(response),
        retryAfterMs: parseRetryAfter(response.headers?.get?.('Retry-After')),
      });
    }
    if (response.status === 204) return null;
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  }

  return {
    get: (path, options) => request('GET', path, options),
    post: (path, body = {}, options) => request('POST', path, { ...options, body }),
    put: (path, body = {}, options) => request('PUT', path, { ...options, body }),
    delete: (path, options) => request('DELETE', path, options),
  };
}

export const api = createApiClient({ baseUrl: API_ORIGIN });
