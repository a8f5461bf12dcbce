import { describe, expect, it } from 'vitest';
import { validateHandle } from './validation';

describe('validateHandle', () => {
  it('accepts 3..20 of a-z, 0-9 and underscore', () => {
    for (const handle of ['abc', 'ada_lovelace', 'a1_', 'x'.repeat(20)]) expect(validateHandle(handle)).toBeNull();
  });

  it('rejects anything else', () => {
    for (const handle of ['', 'ab', 'x'.repeat(21), 'Ada', 'ada-l', 'ada l', 'adà']) {
      expect(validateHandle(handle)).toEqual(expect.any(String));
    }
  });
});
