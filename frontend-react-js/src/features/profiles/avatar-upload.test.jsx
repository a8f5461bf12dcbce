import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AVATAR_MAX_BYTES } from '../../config/limits';
import { fakeXhr } from '../../test/fake-xhr';
import { avatarFileProblem, uploadAvatar } from './avatar-upload';
import { AvatarPicker } from './components/AvatarPicker';

const picture = (type = 'image/png', size = 1000) => new File([new Uint8Array(size)], 'me.png', { type });
const UPLOAD_ID = '0123456789abcdef0123456789abcdef';
const PRESIGNED = {
  url: 'http://s3.test/cruddur-uploads',
  fields: { key: `uploads/u1/${UPLOAD_ID}`, 'Content-Type': 'image/png', policy: 'p', 'x-amz-signature': 's' },
  key: `uploads/u1/${UPLOAD_ID}`,
  upload_id: UPLOAD_ID,
  expires_in: 300,
};

const json = (status, body) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const processing = () => json(200, { status: 'processing', avatar_url: null });
const ready = (avatarUrl) => json(200, { status: 'ready', avatar_url: avatarUrl });

/** The API behind fetch: the presign answer, then the upload's states (GET /api/avatars/{upload_id}) in turn. */
function fakeApi({ presign = json(200, PRESIGNED), uploadStates = [] }) {
  const calls = [];
  let polls = 0;
  vi.stubGlobal('fetch', vi.fn(async (url, init) => {
    calls.push([init.method, url, init.body && JSON.parse(init.body)]);
    if (url.endsWith('/api/avatars/presign')) return presign;
    if (url === `/api/avatars/${UPLOAD_ID}`) {
      const state = uploadStates[Math.min(polls, uploadStates.length - 1)];
      polls += 1;
      return state();
    }
    return json(404, { errors: [{ code: 'not_found', message: `Not here: ${url}`, field: null }] });
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

describe('uploadAvatar', () => {
  beforeEach(() => fakeXhr());
  const NEW = `http://assets.test/avatars/u1/${UPLOAD_ID}-512.webp`;
  const pollFast = { onProgress: () => {}, onUploaded: () => {}, intervalMs: 1 };
  const requests = (calls) => calls.map(([method, url]) => `${method} ${url}`);

  it("presigns for the file, uploads it and polls that upload's state until it is ready", async () => {
    const calls = fakeApi({ uploadStates: [processing, processing, () => ready(NEW)] });
    const onUploaded = vi.fn();

    const avatarUrl = await uploadAvatar(picture('image/webp', 2048), { ...pollFast, onUploaded });

    expect(avatarUrl).toBe(NEW);
    expect(onUploaded).toHaveBeenCalledOnce();
    expect(calls[0]).toEqual(['POST', '/api/avatars/presign', { content_type: 'image/webp', size: 2048 }]);
    // Only the upload's own state: no profile reads while it is processed.
    expect(requests(calls.slice(1))).toEqual(Array(3).fill(`GET /api/avatars/${UPLOAD_ID}`));
  });

  it('keeps polling through a failed poll', async () => {
    const calls = fakeApi({
      uploadStates: [
        () => json(503, { errors: [{ code: 'database_unavailable', message: 'Down', field: null }] }),
        () => Promise.reject(new TypeError('Failed to fetch')),
        () => ready(NEW),
      ],
    });
    await expect(uploadAvatar(picture(), pollFast)).resolves.toBe(NEW);
    expect(calls).toHaveLength(1 + 3);
  });

  it('stops with the API error when the API does not know the upload', async () => {
    const calls = fakeApi({
      uploadStates: [() => json(404, { errors: [{ code: 'avatar_not_found', message: 'No such avatar upload', field: null }] })],
    });
    await expect(uploadAvatar(picture(), pollFast)).rejects.toMatchObject({ status: 404, code: 'avatar_not_found' });
    expect(calls).toHaveLength(1 + 1);
  });

  it('stops with the reason when the picture was refused', async () => {
    const calls = fakeApi({
      uploadStates: [processing, () => json(200, { status: 'failed', avatar_url: null, reason: 'it is damaged or cut short' })],
    });
    await expect(uploadAvatar(picture(), pollFast)).rejects.toThrow("That picture can't be used: it is damaged or cut short. Choose another one.");
    expect(calls).toHaveLength(1 + 2);
  });

  it('answers null when the upload is still processing after the last poll', async () => {
    const calls = fakeApi({ uploadStates: [processing] });
    await expect(uploadAvatar(picture(), { ...pollFast, attempts: 3 })).resolves.toBeNull();
    expect(calls).toHaveLength(1 + 3);
  });

  it('stops with the API error when the API refuses to presign', async () => {
    const sent = fakeXhr();
    fakeApi({ presign: json(400, { errors: [{ code: 'invalid_size', message: 'The picture must be 1 byte to 5 MB', field: 'size' }] }) });
    await expect(uploadAvatar(picture(), pollFast)).rejects.toMatchObject({ status: 400, message: 'The picture must be 1 byte to 5 MB' });
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

  it('previews the picture, uploads it and hands on the processed avatar', async () => {
    fakeXhr();
    const NEW = `http://assets.test/avatars/u1/${UPLOAD_ID}-512.webp`;
    fakeApi({ uploadStates: [() => ready(NEW)] });
    const onAvatarChanged = vi.fn();
    render(<AvatarPicker profile={ana} onAvatarChanged={onAvatarChanged} />);

    await user().upload(screen.getByLabelText('Profile picture'), picture());

    expect(screen.getByRole('img', { name: 'Your new picture' })).toHaveAttribute('src', 'blob:preview');
    expect(await screen.findByText('Your new picture is up.', {}, { timeout: 3000 })).toBeInTheDocument();
    expect(onAvatarChanged).toHaveBeenCalledExactlyOnceWith({ avatar_url: NEW });
  });
});
