import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, json } from '../../../test/fake-api';
import { fakeXhr } from '../../../test/fake-xhr';
import { signedInAs, testProviders } from '../../../test/providers';
import { ComposerDialog } from './ComposerDialog';

// Cognito (through Amplify), the API (through fetch) and S3 (through XMLHttpRequest) are the boundaries.
vi.mock('aws-amplify/auth', () => ({
  fetchAuthSession: vi.fn().mockResolvedValue({ tokens: { accessToken: { toString: () => 'access-token' } } }),
}));

const KEY = 'cruddur:draft:7d3f9a52-0000-4000-8000-00000000000a';
const png = (name) => new File([new Uint8Array([137, 80, 78, 71])], name, { type: 'image/png' });
const mediaUuid = (n) => `0c0c0c0c-0000-4000-8000-00000000000${n}`;

/**
 * The API of photos: each presign names the next photo (1, 2, …); `states[n]` lists what GET of photo n
 * answers in turn (the last one from then on); PUT takes the alt text; POST /api/activities answers 201.
 */
function photosApi(states = {}) {
  let presigned = 0;
  const asked = {};
  const alts = {};
  return fakeApi(({ method, path, body }) => {
    if (method === 'POST' && path === '/api/media/presign') {
      presigned += 1;
      const uuid = mediaUuid(presigned);
      return json(200, { media_uuid: uuid, url: 'http://s3.test/uploads', fields: { key: `media/u/${uuid}` }, key: `media/u/${uuid}`, expires_in: 300 });
    }
    const media = path.match(/^\/api\/media\/(.+)$/);
    if (media) {
      const n = Number(media[1].at(-1));
      if (method === 'PUT') alts[n] = body.alt;
      const list = states[n] ?? ['ready'];
      const status = list[Math.min(asked[n] ?? 0, list.length - 1)];
      asked[n] = (asked[n] ?? 0) + 1;
      return json(200, {
        uuid: media[1],
        status,
        url: status === 'ready' ? `http://s3.test/media/${n}.webp` : null,
        preview_url: status === 'ready' ? `http://s3.test/media/${n}-640.webp` : null,
        width: 800,
        height: 600,
        alt: alts[n] ?? '',
        reason: status === 'failed' ? 'it is not an image (text named like one?)' : null,
      });
    }
    if (method === 'POST' && path === '/api/activities') return json(201, { uuid: 'b6f3f0a2-0000-4000-8000-000000000001', ...body, media: [] });
    return json(404, { errors: [{ code: 'not_found', message: path, field: null }] });
  });
}

function ComposerOnAPage() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Crud
      </button>
      <ComposerDialog open={open} onClose={() => setOpen(false)} onPosted={() => setOpen(false)} draftKey={KEY} />
    </>
  );
}

const composer = () => screen.getByRole('dialog', { hidden: true });
const inComposer = () => within(composer());
const send = () => inComposer().getByRole('button', { name: 'Send' });

async function openComposer() {
  // The file dialog offers only photos (accept=...), but a drop or "All files" can bring anything.
  const user = userEvent.setup({ applyAccept: false });
  render(<ComposerOnAPage />, { wrapper: testProviders({ auth: signedInAs({ handle: 'andrew' }) }) });
  await user.click(screen.getByRole('button', { name: 'Crud' }));
  return user;
}

const pick = (user, ...files) => user.upload(inComposer().getByLabelText('Choose photos'), files);

// jsdom has no object URLs; the composer previews files with them.
beforeEach(() => {
  URL.createObjectURL = (file) => `blob:${file.name}`;
  URL.revokeObjectURL = () => {};
});

afterEach(() => {
  delete URL.createObjectURL;
  delete URL.revokeObjectURL;
  vi.unstubAllGlobals();
  window.localStorage.clear();
});

describe('photos in the composer', () => {
  it('uploads each picked photo with visible progress, waits until processed, and posts them in order with their alt text', async () => {
    const api = photosApi({ 1: ['processing', 'ready'], 2: ['ready'] });
    const uploads = fakeXhr({ hold: true });
    const user = await openComposer();
    await user.keyboard('Two views');

    await pick(user, png('first.png'), png('second.png'));

    await waitFor(() => expect(inComposer().getByRole('progressbar', { name: 'Uploading photo 1' })).toHaveAttribute('value', '0.5'), { timeout: 4000 });
    expect(inComposer().getByRole('progressbar', { name: 'Uploading photo 2' })).toBeInTheDocument();
    expect(send()).toBeDisabled();
    expect(inComposer().getByText('Your photos are still on their way…')).toBeInTheDocument();
    await waitFor(() => expect(uploads).toHaveLength(2));
    expect(uploads[0].body.get('key')).toBe(`media/u/${mediaUuid(1)}`);
    uploads.forEach((upload) => upload.finish());

    // Photo 1 is processing at first; its state is asked again until it is ready.
    await waitFor(() => expect(send()).toBeEnabled(), { timeout: 4000 });
    expect(api.count('GET', `/api/media/${mediaUuid(1)}`)).toBeGreaterThanOrEqual(2);

    // A reminder for each photo without alt text; typing one takes its reminder away.
    expect(inComposer().getAllByText(/No alt text yet/)).toHaveLength(2);
    await user.click(inComposer().getByRole('textbox', { name: 'Alt text for photo 2' }));
    await user.keyboard('A harbour at dawn');
    expect(inComposer().getAllByText(/No alt text yet/)).toHaveLength(1);

    // Photo 2 goes first, from the keyboard; the focus stays on the photo's move buttons.
    await user.click(inComposer().getByRole('button', { name: 'Move photo 2 earlier' }));
    expect(inComposer().getByRole('button', { name: 'Move photo 1 later' })).toHaveFocus();
    expect(inComposer().getByRole('textbox', { name: 'Alt text for photo 1' })).toHaveValue('A harbour at dawn');
    expect(inComposer().getByRole('status', { name: '' })).toHaveTextContent('Photo moved to position 1 of 2.');

    await user.click(send());

    await waitFor(() => expect(composer()).not.toHaveAttribute('open'));
    const put = api.requests.find((request) => request.method === 'PUT');
    expect(put).toEqual(expect.objectContaining({ path: `/api/media/${mediaUuid(2)}`, body: { alt: 'A harbour at dawn' } }));
    // Photo 1 had no alt text to send.
    expect(api.count('PUT', `/api/media/${mediaUuid(1)}`)).toBe(0);
    const post = api.requests.find((request) => request.path === '/api/activities');
    expect(post.body).toEqual({ message: 'Two views', ttl: expect.any(String), media: [mediaUuid(2), mediaUuid(1)] });
    expect(api.requests.indexOf(put)).toBeLessThan(api.requests.indexOf(post));
  });

  it('shows why the processor refused a photo, and posts once it is removed', async () => {
    const api = photosApi({ 1: ['failed'] });
    fakeXhr();
    const user = await openComposer();
    await user.keyboard('Words stay');
    await pick(user, png('notes.png'));

    expect(await inComposer().findByRole('alert', {}, { timeout: 4000 })).toHaveTextContent("Photo 1 can't be used: it is not an image (text named like one?)");
    expect(send()).toBeDisabled();
    expect(inComposer().getByText("Remove the photo that can't be used to post.")).toBeInTheDocument();

    await user.click(inComposer().getByRole('button', { name: 'Remove photo 1' }));
    expect(inComposer().getByRole('button', { name: 'Add photos' })).toHaveFocus();
    await user.click(send());
    await waitFor(() => expect(api.count('POST', '/api/activities')).toBe(1));
    expect(api.requests.at(-1).body).toEqual({ message: 'Words stay', ttl: expect.any(String) });
  });

  it('posts a crud of photos alone', async () => {
    const api = photosApi();
    fakeXhr();
    const user = await openComposer();
    expect(send()).toBeDisabled();
    await pick(user, png('only.png'));
    await waitFor(() => expect(send()).toBeEnabled(), { timeout: 4000 });
    await user.click(send());
    await waitFor(() => expect(api.count('POST', '/api/activities')).toBe(1));
    expect(api.requests.at(-1).body).toEqual({ message: '', ttl: expect.any(String), media: [mediaUuid(1)] });
  });

  it('takes at most 4 photos and refuses files that are not photos before asking the API', async () => {
    const api = photosApi();
    fakeXhr();
    const user = await openComposer();
    await pick(user, ...['a', 'b', 'c', 'd', 'e'].map((name) => png(`${name}.png`)), new File(['hi'], 'notes.txt', { type: 'text/plain' }));

    expect(inComposer().getByRole('alert')).toHaveTextContent('A crud has at most 4 photos.');
    expect(inComposer().getByRole('alert')).toHaveTextContent('notes.txt is not a JPEG, PNG or WebP photo.');
    expect(within(inComposer().getByRole('list', { name: 'Photos' })).getAllByRole('listitem')).toHaveLength(4);
    await waitFor(() => expect(api.count('POST', '/api/media/presign')).toBe(4));
  });

  it('takes photos dropped on it or pasted into the message box', async () => {
    photosApi();
    fakeXhr();
    await openComposer();
    fireEvent.drop(inComposer().getByRole('textbox', { name: 'Message' }), { dataTransfer: { files: [png('dropped.png')], types: ['Files'] } });
    fireEvent.paste(inComposer().getByRole('textbox', { name: 'Message' }), { clipboardData: { files: [png('pasted.png')] } });

    const photos = within(inComposer().getByRole('list', { name: 'Photos' })).getAllByRole('listitem');
    expect(photos.map((photo) => photo.querySelector('img').getAttribute('src'))).toEqual(['blob:dropped.png', 'blob:pasted.png']);
  });

  it('keeps uploaded photos and their alt text with the draft when the composer is closed and opened again', async () => {
    photosApi();
    fakeXhr();
    const user = await openComposer();
    await pick(user, png('kept.png'));
    await waitFor(() => expect(send()).toBeEnabled(), { timeout: 4000 });
    await user.click(inComposer().getByRole('textbox', { name: 'Alt text for photo 1' }));
    await user.keyboard('Kept');
    await user.keyboard('{Escape}');
    await user.click(inComposer().getByRole('button', { name: 'Keep draft' }));

    expect(JSON.parse(window.localStorage.getItem(KEY)).photos).toEqual([{ mediaUuid: mediaUuid(1), alt: 'Kept' }]);
    await user.click(screen.getByRole('button', { name: 'Crud' }));
    expect(inComposer().getByRole('textbox', { name: 'Alt text for photo 1' })).toHaveValue('Kept');
  });
});
