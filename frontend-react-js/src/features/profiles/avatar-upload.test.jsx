import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AVATAR_MAX_BYTES, UPLOAD_FAILED_MESSAGE, avatarFileProblem, postToS3, uploadAvatar } from './avatar-upload';
import { AvatarPicker } from './components/AvatarPicker';

const picture = (type = 'image/png', size = 1000) => new File([new Uint8Array(size)], 'me.png', { type });
const PRESIGNED = {
  url: 'http://s3.test/cruddur-uploads',
  fields: { key: 'uploads/u1/abc', 'Content-Type': 'image/png', policy: 'p', 'x-amz-signature': 's' },
  key: 'uploads/u1/abc',
  expires_in: 300,
};

/** The browser's XMLHttpRequest, answering with `status` once the body is sent (or failing the network). */
function fakeXhr({ status = 204, networkError = false } = {}) {
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
      this.upload.onprogress?.({ lengthComputable: true, loaded: 1000, total: 1000 });
      this.status = status;
      queueMicrotask(() => (networkError ? this.onerror() : this.onload()));
    }
  }
  vi.stubGlobal('XMLHttpRequest', FakeXMLHttpRequest);
  return sent;
}

const json = (status, body) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** The API behind fetch: the presign answer, then the profiles /api/users/me answers in turn. */
function fakeApi({ presign = json(200, PRESIGNED), avatarUrls = [] }) {
  const calls = [];
  let polls = 0;
  vi.stubGlobal('fetch', vi.fn(async (url, init) => {
    calls.push([init.method, url, init.body && JSON.parse(init.body)]);
    if (url.endsWith('/api/avatars/presign')) return presign;
    const avatarUrl = avatarUrls[Math.min(polls, avatarUrls.length - 1)];
    polls += 1;
    return avatarUrl instanceof Response ? avatarUrl : json(200, { uuid: 'u1', handle: 'ana', avatar_url: avatarUrl });
  }));
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe('avatarFileProblem', () => {
  it('takes JPEG, PNG and WebP pictures up to 5 MB', () => {
    for (const type of ['image/jpeg', 'image/png', 'image/webp']) expect(avatarFileProblem(picture(type))).toBeNull();
    expect(avatarFileProblem({ type: 'image/png', size: AVATAR_MAX_BYTES })).toBeNull();
  });

  it('refuses other types, empty files and anything over 5 MB', () => {
    expect(avatarFileProblem(picture('image/gif'))).toBe('Choose a JPEG, PNG or WebP picture.');
    expect(avatarFileProblem(picture('text/plain'))).toBe('Choose a JPEG, PNG or WebP picture.');
    expect(avatarFileProblem(picture('image/png', 0))).toBe('That file is empty.');
    expect(avatarFileProblem({ type: 'image/png', size: AVATAR_MAX_BYTES + 1 })).toBe('Choose a picture of at most 5 MB.');
  });
});

describe('postToS3', () => {
  it('posts the presigned fields, then the file, reporting progress', async () => {
    const sent = fakeXhr();
    const file = picture();
    const progress = [];
    await postToS3(PRESIGNED, file, (fraction) => progress.push(fraction));

    const [request] = sent;
    expect([request.method, request.url]).toEqual(['POST', PRESIGNED.url]);
    const entries = [...request.body.entries()];
    expect(entries.map(([name]) => name)).toEqual([...Object.keys(PRESIGNED.fields), 'file']);
    expect(entries.at(-1)[1].size).toBe(file.size);
    expect(request.body.get('key')).toBe('uploads/u1/abc');
    expect(progress).toEqual([0.5, 1]);
  });

  it('fails when S3 refuses the upload or cannot be reached', async () => {
    fakeXhr({ status: 403 });
    await expect(postToS3(PRESIGNED, picture(), () => {})).rejects.toThrow(UPLOAD_FAILED_MESSAGE);
    fakeXhr({ networkError: true });
    await expect(postToS3(PRESIGNED, picture(), () => {})).rejects.toThrow(UPLOAD_FAILED_MESSAGE);
  });
});

describe('uploadAvatar', () => {
  beforeEach(() => fakeXhr());
  const OLD = 'http://assets.test/avatars/u1/old-512.webp';
  const NEW = 'http://assets.test/avatars/u1/new-512.webp';

  it('presigns for the file, uploads it and polls the profile until the avatar changes', async () => {
    const calls = fakeApi({ avatarUrls: [OLD, OLD, NEW] });
    const onUploaded = vi.fn();

    const profile = await uploadAvatar(picture('image/webp', 2048), { previousUrl: OLD, onProgress: () => {}, onUploaded, intervalMs: 1 });

    expect(profile.avatar_url).toBe(NEW);
    expect(onUploaded).toHaveBeenCalledOnce();
    expect(calls[0]).toEqual(['POST', '/api/avatars/presign', { content_type: 'image/webp', size: 2048 }]);
    expect(calls.slice(1).map(([method, url]) => `${method} ${url}`)).toEqual(Array(3).fill('GET /api/users/me'));
  });

  it('keeps polling through a failed poll', async () => {
    fakeApi({ avatarUrls: [json(503, { errors: [{ code: 'database_unavailable', message: 'Down', field: null }] }), NEW] });
    const profile = await uploadAvatar(picture(), { previousUrl: null, onProgress: () => {}, onUploaded: () => {}, intervalMs: 1 });
    expect(profile.avatar_url).toBe(NEW);
  });

  it('answers null when the avatar has not changed after the last poll', async () => {
    const calls = fakeApi({ avatarUrls: [OLD] });
    const options = { previousUrl: OLD, onProgress: () => {}, onUploaded: () => {}, attempts: 3, intervalMs: 1 };
    await expect(uploadAvatar(picture(), options)).resolves.toBeNull();
    expect(calls).toHaveLength(1 + 3);
  });

  it('stops with the API error when the API refuses to presign', async () => {
    const sent = fakeXhr();
    fakeApi({ presign: json(400, { errors: [{ code: 'invalid_size', message: 'The picture must be 1 byte to 5 MB', field: 'size' }] }) });
    const options = { previousUrl: null, onProgress: () => {}, onUploaded: () => {}, intervalMs: 1 };
    await expect(uploadAvatar(picture(), options)).rejects.toMatchObject({ status: 400, message: 'The picture must be 1 byte to 5 MB' });
    expect(sent).toEqual([]);
  });
});

describe('AvatarPicker', () => {
  const ana = { uuid: 'u1', handle: 'ana', display_name: 'Ana', avatar_url: null };
  // The browser's file dialog would not offer a GIF (accept=...), but a drop or "All files" can.
  const user = () => userEvent.setup({ applyAccept: false });

  beforeEach(() => {
    vi.stubGlobal('URL', Object.assign(Object.create(URL), { createObjectURL: () => 'blob:preview', revokeObjectURL: () => {} }));
  });

  it('refuses a file of the wrong type before asking the API anything', async () => {
    const calls = fakeApi({});
    render(<AvatarPicker profile={ana} onAvatarChanged={vi.fn()} />);
    await user().upload(screen.getByLabelText('Profile picture'), picture('image/gif'));
    expect(screen.getByRole('alert')).toHaveTextContent('Choose a JPEG, PNG or WebP picture.');
    expect(calls).toEqual([]);
  });

  it('previews the picture, uploads it and hands on the profile with the processed avatar', async () => {
    fakeXhr();
    const NEW = 'http://assets.test/avatars/u1/new-512.webp';
    fakeApi({ avatarUrls: [NEW] });
    const onAvatarChanged = vi.fn();
    render(<AvatarPicker profile={ana} onAvatarChanged={onAvatarChanged} />);

    await user().upload(screen.getByLabelText('Profile picture'), picture());

    expect(screen.getByRole('img', { name: 'Your new picture' })).toHaveAttribute('src', 'blob:preview');
    expect(await screen.findByText('Your new picture is up.', {}, { timeout: 3000 })).toBeInTheDocument();
    expect(onAvatarChanged).toHaveBeenCalledWith(expect.objectContaining({ avatar_url: NEW }));
  });
});
