// The real-time stream (GET {stream_url}, text/event-stream) read with fetch, so that it carries the same
// bearer token as every call (EventSource cannot send headers). The server sends `id:`, `event:` and JSON
// `data:` lines per event and a `: ping` comment at least every 20 s; it ends the stream when the token
// expires, and the client connects again with a fresh one.

// Nothing at all (not even a ping) for this long means the connection is dead without having said so.
export const SILENCE_LIMIT_MS = 45_000;
export const RETRY_BASE_MS = 1000;
export const RETRY_MAX_MS = 30_000;
// A stream that stayed open this long was healthy: the next failure starts the backoff from its base again.
const HEALTHY_AFTER_MS = 10_000;

/**
 * An incremental parser of the event-stream format (the WHATWG spec's rules): feed it decoded text in any
 * slicing; it calls `onEvent({ id, event, data })` at each blank line that ends an event with data, and
 * `onComment(text)` for each comment line. Answers `push(text)`.
 */
export function createEventStreamParser({ onEvent, onComment = () => {} }) {
  let buffer = '';
  let data = [];
  let eventName = '';
  let lastId = '';

  function line(text) {
    if (text === '') {
      if (data.length > 0) onEvent({ id: lastId, event: eventName || 'message', data: data.join('\n') });
      data = [];
      eventName = '';
      return;
    }
    if (text.startsWith(':')) {
      onComment(text.slice(1).trimStart());
      return;
    }
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') eventName = value;
    else if (field === 'id' && !value.includes('\0')) lastId = value;
    // `retry` and unknown fields are ignored: the client keeps its own backoff.
  }

  return function push(text) {
    buffer += text;
    // Lines end with \n, \r\n or \r; a \r last in the buffer may be the first half of a \r\n.
    let start = 0;
    for (let index = 0; index < buffer.length; index += 1) {
      const char = buffer[index];
      if (char !== '\n' && char !== '\r') continue;
      if (char === '\r' && index === buffer.length - 1) break;
      line(buffer.slice(start, index));
      if (char === '\r' && buffer[index + 1] === '\n') index += 1;
      start = index + 1;
    }
    buffer = buffer.slice(start);
  };
}

/** How long to wait before connection attempt `attempt` (0 first): doubling from 1 s to 30 s, each jittered
 * down by up to half so that many clients cut off at once do not all come back at once. */
export function retryDelay(attempt, random = Math.random) {
  const ceiling = Math.min(RETRY_BASE_MS * 2 ** attempt, RETRY_MAX_MS);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

class StreamRefused extends Error {
  constructor(status) {
    super(`the stream answered ${status}`);
    this.status = status;
  }
}

/**
 * Keeps one stream open while started: connects with `getToken(forceRefresh)`'s token, hands each event to
 * `onEvent({ id, event, data })` (data parsed from JSON), and after any end (the token expired, the server went,
 * the network dropped, SILENCE_LIMIT_MS without a byte) connects again after retryDelay, asking for a fresh
 * token. `onStatus` hears 'connecting', 'open' (call it a (re)connection: refetch what may have been missed)
 * and 'down' (between attempts). `timers` and `random` are injectable for tests. Answers `stop()`.
 */
export function startStream({
  url,
  getToken,
  onEvent,
  onStatus = () => {},
  fetchImpl = (...args) => globalThis.fetch(...args),
  timers = globalThis,
  random = Math.random,
  now = () => Date.now(),
}) {
  let stopped = false;
  let attempt = 0;
  let controller = null;
  let retryTimer = null;
  let wakeUp = null;

  async function readOnce(forceRefresh) {
    const token = await getToken(forceRefresh);
    if (!token) throw new StreamRefused(401);
    controller = new AbortController();
    let silenceTimer = null;
    const abort = controller.abort.bind(controller);
    const heard = () => {
      timers.clearTimeout(silenceTimer);
      silenceTimer = timers.setTimeout(abort, SILENCE_LIMIT_MS);
    };
    try {
      heard();
      const response = await fetchImpl(url, {
        headers: { Accept: 'text/event-stream', Authorization: `Bearer ${token}` },
        cache: 'no-store',
        signal: controller.signal,
      });
      if (!response.ok || !response.body) throw new StreamRefused(response.status);
      onStatus('open');
      const openedAt = now();
      const push = createEventStreamParser({
        onEvent: (message) => {
          let data;
          try {
            data = JSON.parse(message.data);
          } catch {
            return; // not ours to understand: the next event may be
          }
          onEvent({ id: message.id, event: message.event, data });
        },
      });
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        heard();
        push(decoder.decode(value, { stream: true }));
      }
      return now() - openedAt >= HEALTHY_AFTER_MS;
    } finally {
      timers.clearTimeout(silenceTimer);
    }
  }

  function wait(ms) {
    return new Promise((resolve) => {
      wakeUp = resolve;
      retryTimer = timers.setTimeout(resolve, ms);
    });
  }

  async function run() {
    let forceRefresh = false;
    while (!stopped) {
      onStatus('connecting');
      try {
        const healthy = await readOnce(forceRefresh);
        forceRefresh = false;
        if (healthy) attempt = 0;
      } catch (error) {
        // A 401 means the token was refused: the next attempt asks Cognito for a new one.
        forceRefresh = error instanceof StreamRefused && error.status === 401;
      }
      if (stopped) return;
      onStatus('down');
      await wait(retryDelay(attempt, random));
      attempt += 1;
    }
  }

  run();
  return {
    stop() {
      stopped = true;
      controller?.abort();
      timers.clearTimeout(retryTimer);
      wakeUp?.();
    },
    /** Connect now rather than at the end of the backoff (the browser came back online). */
    retryNow() {
      attempt = 0;
      timers.clearTimeout(retryTimer);
      wakeUp?.();
    },
  };
}
