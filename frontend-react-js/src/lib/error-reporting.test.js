import { describe, expect, it, vi } from 'vitest';
import { startErrorReporting } from './error-reporting';

function fakeWindow() {
  const target = new EventTarget();
  target.location = { pathname: '/@andrew' };
  return target;
}

function errorEvent(error) {
  const event = new Event('error');
  event.error = error;
  return event;
}

describe('error reporting', () => {
  it('sends nothing and listens to nothing without a client token', () => {
    const target = fakeWindow();
    const send = vi.fn();
    startErrorReporting({ token: null, environment: 'production' }, { target, send });
    target.dispatchEvent(errorEvent(new Error('boom')));
    expect(send).not.toHaveBeenCalled();
  });

  it('reports uncaught errors and rejections with the token in the header only', async () => {
    const target = fakeWindow();
    const send = vi.fn(() => Promise.resolve({ ok: true }));
    const stop = startErrorReporting({ token: 'client-token', environment: 'production' }, { target, send });
    target.dispatchEvent(errorEvent(new TypeError('x is undefined')));
    const rejection = new Event('unhandledrejection');
    rejection.reason = new Error('fetch failed');
    target.dispatchEvent(rejection);

    expect(send).toHaveBeenCalledTimes(2);
    const [url, request] = send.mock.calls[0];
    expect(url).toBe('https://api.rollbar.com/api/1/item/');
    expect(request.headers['X-Rollbar-Access-Token']).toBe('client-token');
    const item = JSON.parse(request.body);
    expect(item.data.environment).toBe('production');
    expect(item.data.request.url).toBe('/@andrew');
    expect(item.data.body.trace.exception).toEqual({ class: 'TypeError', message: 'x is undefined' });
    expect(request.body).not.toContain('client-token');

    stop();
    target.dispatchEvent(errorEvent(new Error('after stop')));
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('never throws when Rollbar cannot be reached', async () => {
    const target = fakeWindow();
    const send = vi.fn(() => Promise.reject(new Error('offline')));
    startErrorReporting({ token: 't', environment: 'development' }, { target, send });
    expect(() => target.dispatchEvent(errorEvent(new Error('boom')))).not.toThrow();
    await Promise.resolve();
  });
});
