import { describe, expect, it } from 'vitest';
import { inReadingOrder, unseenMessages } from './thread';

const message = (uuid, createdAt) => ({ uuid, created_at: createdAt, message: uuid });

describe('conversation order', () => {
  it('reads oldest first, with the uuid breaking ties', () => {
    const later = message('c', '2026-11-27T10:00:02.000000+00:00');
    const tieB = message('b', '2026-11-27T10:00:01.000000+00:00');
    const tieA = message('a', '2026-11-27T10:00:01.000000+00:00');
    expect(inReadingOrder([later, tieB, tieA]).map((m) => m.uuid)).toEqual(['a', 'b', 'c']);
  });

  it('keeps only polled messages not shown yet', () => {
    const shown = [message('a', '2026-11-27T10:00:00.000000+00:00'), message('b', '2026-11-27T10:00:01.000000+00:00')];
    const polled = [message('d', '2026-11-27T10:00:03.000000+00:00'), message('b', '2026-11-27T10:00:01.000000+00:00'),
      message('c', '2026-11-27T10:00:02.000000+00:00')];
    expect(unseenMessages(shown, polled).map((m) => m.uuid)).toEqual(['c', 'd']);
    expect(unseenMessages(polled, polled)).toEqual([]);
  });
});
