import { vi } from 'vitest';

/**
 * The browser's XMLHttpRequest (S3 uploads), answering with `status` once the body is sent (or failing the
 * network); the requests sent are returned. With `hold`, each request waits until the test calls its
 * `finish()`, after reporting half its progress.
 */
export function fakeXhr({ status = 204, networkError = false, hold = false } = {}) {
  const sent = [];
  class FakeXMLHttpRequest {
    upload = {};
    open(method, url) {
      Object.assign(this, { method, url });
    }
    send(body) {
      sent.push(this);
      this.body = body;
      this.upload.onprogress?.({ lengthComputable: true, loaded: 500, total: 1000 });
      this.finish = () => {
        this.upload.onprogress?.({ lengthComputable: true, loaded: 1000, total: 1000 });
        this.status = status;
        if (networkError) this.onerror();
        else this.onload();
      };
      if (!hold) queueMicrotask(this.finish);
    }
  }
  vi.stubGlobal('XMLHttpRequest', FakeXMLHttpRequest);
  return sent;
}
