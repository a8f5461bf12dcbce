import { describe, expect, it } from 'vitest';
import { inReadingOrder, unseenMessages, withNewestConversations } from './thread';

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

describe('the conversation list after a poll', () => {
  const group = (uuid, message) => ({ message_group_uuid: uuid, message });

  it('puts polled conversations on top, each once, and keeps the older ones shown below', () => {
    const shown = [group('g1', 'hi'), group('g2', 'old'), group('g3', 'older')];
    const polled = [group('g2', 'new reply'), group('g4', 'a new conversation'), group('g1', 'hi')];
    expect(withNewestConversations(shown, polled)).toEqual([
      group('g2', 'new reply'), group('g4', 'a new conversation'), group('g1', 'hi'), group('g3', 'older'),
    ]);
  });
});
