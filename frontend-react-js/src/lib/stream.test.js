import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEventStreamParser, retryDelay, RETRY_MAX_MS, SILENCE_LIMIT_MS, startStream } from './stream';

function parse(chunks) {
  const events = [];
  const comments = [];
  const push = createEventStreamParser({ onEvent: (event) => events.push(event), onComment: (text) => comments.push(text) });
  chunks.forEach(push);
  return { events, comments };
}

describe('createEventStreamParser', () => {
  it('reads events with their id, name and data, and comments', () => {
    const { events, comments } = parse([': connected\n\nid: 1\nevent: home\ndata: {"crud":1}\n\n: ping\n\n']);
    expect(events).toEqual([{ id: '1', event: 'home', data: '{"crud":1}' }]);
    expect(comments).toEqual(['connected', 'ping']);
  });

  it('puts events cut anywhere back together, \\r\\n split across chunks included', () => {
    const text = 'id: 7\r\nevent: message\r\ndata: {"a":\r\ndata: 2}\r\n\r\n';
    for (let cut = 1; cut < text.length; cut += 1) {
      const { events } = parse([text.slice(0, cut), text.slice(cut)]);
      expect(events).toEqual([{ id: '7', event: 'message', data: '{"a":\n2}' }]);
    }
  });

  it('takes \\r alone as a line end, one leading space off a value, and names an unnamed event "message"', () => {
    // A \r last in a chunk may be half of a \r\n: the line it ends is read when the next chunk comes.
    expect(parse(['data:  two spaces\rdata:none\r\r']).events).toEqual([]);
    const { events } = parse(['data:  two spaces\rdata:none\r\r', ': ping\r']);
    expect(events).toEqual([{ id: '', event: 'message', data: ' two spaces\nnone' }]);
  });

  it('dispatches nothing for an event without data, and keeps the last id for the next events', () => {
    const { events } = parse(['id: 3\nevent: home\n\n', 'data: x\n\n']);
    expect(events).toEqual([{ id: '3', event: 'message', data: 'x' }]);
  });

  it('holds an unfinished event until its blank line comes', () => {
    const { events } = parse(['event: delete\ndata: {"uuid":"u"}\n']);
    expect(events).toEqual([]);
  });
});

describe('retryDelay', () => {
  it('doubles from 1 s up to 30 s, jittered down by up to a half', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((attempt) => retryDelay(attempt, () => 1))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
    expect(retryDelay(0, () => 0)).toBe(500);
    expect(retryDelay(20, () => 0)).toBe(RETRY_MAX_MS / 2);
  });
});

/** A fetch that answers each call with a stream the test writes to (or a status, or a network failure). */
function fakeServer() {
  const calls = [];
  const answers = [];
  const fetchImpl = vi.fn((url, init) => {
    const call = { url, init, aborted: false };
    calls.push(call);
    init.signal.addEventListener('abort', () => {
      call.aborted = true;
      try {
        call.controller?.error(new DOMException('aborted', 'AbortError'));
      } catch {
        // already closed
      }
    });
    const answer = answers.shift() ?? { status: 200 };
    if (answer.networkError) return Promise.reject(new TypeError('Failed to fetch'));
    if (answer.status !== 200) return Promise.resolve(new Response('{"errors":[]}', { status: answer.status }));
    const body = new ReadableStream({
      start(controller) {
        call.controller = controller;
      },
    });
    return Promise.resolve(new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } }));
  });
  const encoder = new TextEncoder();
  return {
    calls,
    fetchImpl,
    answerNext: (answer) => answers.push(answer),
    send: (text, call = calls.at(-1)) => call.controller.enqueue(encoder.encode(text)),
    end: (call = calls.at(-1)) => call.controller.close(),
  };
}

describe('startStream', () => {
  let server;
  let events;
  let statuses;
  let tokens;
  let getToken;

  beforeEach(() => {
    vi.useFakeTimers();
    server = fakeServer();
    events = [];
    statuses = [];
    tokens = 0;
    getToken = vi.fn(async (forceRefresh) => `token-${(tokens += 1)}${forceRefresh ? '-fresh' : ''}`);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const start = () =>
    startStream({
      url: '/api/stream',
      getToken,
      onEvent: (event) => events.push(event),
      onStatus: (status) => statuses.push(status),
      fetchImpl: server.fetchImpl,
      random: () => 1,
    });

  it('sends the bearer token and hands over each event with its data parsed', async () => {
    const stream = start();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.calls[0].url).toBe('/api/stream');
    expect(server.calls[0].init.headers).toMatchObject({ Authorization: 'Bearer token-1', Accept: 'text/event-stream' });
    server.send(': connected\n\nid: 1\nevent: notification\ndata: {"unread_count": 3}\n\n');
    server.send('id: 2\nevent: home\ndata: not json\n\nid: 3\nevent: delete\ndata: {"uuid": "u"}\n\n');
    await vi.advanceTimersByTimeAsync(0);
    expect(events).toEqual([
      { id: '1', event: 'notification', data: { unread_count: 3 } },
      { id: '3', event: 'delete', data: { uuid: 'u' } },
    ]);
    expect(statuses).toEqual(['connecting', 'open']);
    stream.stop();
  });

  it('connects again with a new token when the server ends the stream (its token expired)', async () => {
    const stream = start();
    await vi.advanceTimersByTimeAsync(0);
    server.send(': token expired\n\n');
    server.end();
    await vi.advanceTimersByTimeAsync(0);
    expect(statuses).toEqual(['connecting', 'open', 'down']);
    await vi.advanceTimersByTimeAsync(999);
    expect(server.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.calls).toHaveLength(2);
    expect(server.calls[1].init.headers.Authorization).toBe('Bearer token-2');
    server.send('id: 1\nevent: home\ndata: {"crud": {}}\n\n');
    await vi.advanceTimersByTimeAsync(0);
    expect(events).toHaveLength(1);
    expect(statuses.at(-1)).toBe('open');
    stream.stop();
  });

  it('backs off 1 s, 2 s, 4 s … while the server cannot be reached, and from 1 s again once back', async () => {
    for (let failure = 0; failure < 7; failure += 1) server.answerNext({ networkError: true });
    const stream = start();
    await vi.advanceTimersByTimeAsync(0);
    const waits = [];
    for (let call = 2; call <= 8; call += 1) {
      let waited = 0;
      while (server.calls.length < call) {
        await vi.advanceTimersByTimeAsync(500);
        waited += 500;
      }
      waits.push(waited);
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    expect(statuses.at(-1)).toBe('open');
    // Open for a while, then dropped: the next attempt waits 1 s, not 30 s.
    await vi.advanceTimersByTimeAsync(15_000);
    server.send(': ping\n\n');
    server.end();
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.calls).toHaveLength(9);
    stream.stop();
  });

  it('asks Cognito for a fresh token after a 401', async () => {
    server.answerNext({ status: 401 });
    const stream = start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(getToken.mock.calls.map(([force]) => Boolean(force))).toEqual([false, true]);
    expect(server.calls[1].init.headers.Authorization).toBe('Bearer token-2-fresh');
    stream.stop();
  });

  it('gives up on a connection silent for longer than the heartbeat allows, and connects again', async () => {
    const stream = start();
    await vi.advanceTimersByTimeAsync(0);
    server.send(': connected\n\n');
    await vi.advanceTimersByTimeAsync(SILENCE_LIMIT_MS - 1);
    expect(server.calls[0].aborted).toBe(false);
    server.send(': ping\n\n');
    await vi.advanceTimersByTimeAsync(SILENCE_LIMIT_MS - 1);
    expect(server.calls[0].aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.calls[0].aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.calls).toHaveLength(2);
    stream.stop();
  });

  it('stops for good: the open stream is aborted and nothing connects again', async () => {
    const stream = start();
    await vi.advanceTimersByTimeAsync(0);
    stream.stop();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.calls[0].aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.calls).toHaveLength(1);
  });

  it('connects at once when told the browser is back online', async () => {
    server.answerNext({ networkError: true });
    server.answerNext({ networkError: true });
    const stream = start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.calls).toHaveLength(2);
    stream.retryNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.calls).toHaveLength(3);
    stream.stop();
  });
});
