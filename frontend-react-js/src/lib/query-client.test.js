import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './api-client';
import { ApiError } from './api-error';
import { retryDelay, shouldRetry } from './query-client';

describe('query retries', () => {
  it('never retries a 4xx the server would answer the same again', () => {
    for (const status of [400, 401, 403, 404, 410, 422]) expect(shouldRetry(0, new ApiError({ status }))).toBe(false);
  });

  it('retries network failures, timeouts, rate limits and server errors, three times at most', () => {
    for (const status of [0, 408, 429, 500, 503]) expect(shouldRetry(0, new ApiError({ status }))).toBe(true);
    expect(shouldRetry(3, new ApiError({ status: 503 }))).toBe(false);
  });

  it('waits as long as Retry-After asks, else backs off exponentially, capped at 30 s', () => {
    expect(retryDelay(0, new ApiError({ status: 429, retryAfterMs: 5000 }))).toBe(5000);
    expect(retryDelay(0, new ApiError({ status: 503, retryAfterMs: 120_000 }))).toBe(30_000);
    expect([0, 1, 2, 10].map((index) => retryDelay(index, new ApiError({ status: 500 })))).toEqual([1000, 2000, 4000, 30_000]);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-27T10:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});
