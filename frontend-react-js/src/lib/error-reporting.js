// Uncaught errors in the browser go to Rollbar when /api/config names a client token (off by default).
// Only the error itself, the page path and the environment are sent: no tokens, no form contents.
const ROLLBAR_ITEM_URL = 'https://api.rollbar.com/api/1/item/';

function itemFor(error, { environment, path }) {
  const message = error?.message || String(error);
  return {
    data: {
      environment,
      platform: 'browser',
      language: 'javascript',
      level: 'error',
      request: { url: path },
      body: error?.stack
        ? { trace: { exception: { class: error.name || 'Error', message }, frames: [], raw: error.stack } }
        : { message: { body: message } },
    },
  };
}

/** Starts reporting; answers a function that stops it. */
export function startErrorReporting({ token, environment }, { target = window, send = globalThis.fetch } = {}) {
  if (!token) return () => {};
  const report = (error) =>
    send(ROLLBAR_ITEM_URL, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Rollbar-Access-Token': token },
      body: JSON.stringify(itemFor(error, { environment, path: target.location?.pathname })),
      keepalive: true,
    }).catch(() => {}); // reporting must never itself become an error on the page
  const onError = (event) => report(event.error || event.message);
  const onRejection = (event) => report(event.reason);
  target.addEventListener('error', onError);
  target.addEventListener('unhandledrejection', onRejection);
  return () => {
    target.removeEventListener('error', onError);
    target.removeEventListener('unhandledrejection', onRejection);
  };
}
