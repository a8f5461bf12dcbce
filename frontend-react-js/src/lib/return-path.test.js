import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-path';

describe('safeReturnPath', () => {
  it.each([
    ['/messages', '/messages'],
    ['/messages/new/ana', '/messages/new/ana'],
    ['/search?term=%23aws', '/search?term=%23aws'],
    ['/@ana/status/7d1c2f4e-1111-4a2b-9c3d-0123456789ab', '/@ana/status/7d1c2f4e-1111-4a2b-9c3d-0123456789ab'],
    ['/notifications#top', '/notifications#top'],
  ])('keeps the path of this app %j', (value, expected) => {
    expect(safeReturnPath(value)).toBe(expected);
  });

  it.each([
    ['//evil.example/messages'],
    ['/\\evil.example'],
    ['/\\/evil.example'],
    ['https://evil.example/'],
    ['http:evil.example'],
    ['javascript:alert(1)'],
    ['data:text/html,hi'],
    ['messages'],
    ['/\tevil'],
    ['/%0A/evil'.replace('%0A', '\n')],
    [''],
    [null],
    [undefined],
    [{ pathname: '/messages' }],
    ['/signin'],
    ['/signup'],
    ['/confirm?email=a%40b.c'],
  ])('refuses %j', (value) => {
    expect(safeReturnPath(value)).toBeNull();
  });
});
