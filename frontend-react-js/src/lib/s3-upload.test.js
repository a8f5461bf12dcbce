import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeXhr } from '../test/fake-xhr';
import { UPLOAD_FAILED_MESSAGE, postToS3 } from './s3-upload';

const picture = (type = 'image/png', size = 1000) => new File([new Uint8Array(size)], 'me.png', { type });
const PRESIGNED = {
  url: 'http://s3.test/cruddur-uploads',
  fields: { key: 'media/u1/m1', 'Content-Type': 'image/png', policy: 'p', 'x-amz-signature': 's' },
  key: 'media/u1/m1',
};

afterEach(() => vi.unstubAllGlobals());

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
    expect(request.body.get('key')).toBe(PRESIGNED.key);
    expect(progress).toEqual([0.5, 1]);
  });

  it('fails when S3 refuses the upload or cannot be reached', async () => {
    fakeXhr({ status: 403 });
    await expect(postToS3(PRESIGNED, picture(), () => {})).rejects.toThrow(UPLOAD_FAILED_MESSAGE);
    fakeXhr({ networkError: true });
    await expect(postToS3(PRESIGNED, picture(), () => {})).rejects.toThrow(UPLOAD_FAILED_MESSAGE);
  });
});

