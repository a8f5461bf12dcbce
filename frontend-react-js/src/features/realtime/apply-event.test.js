import { activityKeys } from '../activities/api/activities';
import { messageKeys } from '../messages/api/messages';
import { notificationKeys } from '../notifications/api/notifications';
import { createTestQueryClient } from '../../test/providers';
import { applyStreamEvent, homeList, profileList, refetchMissed } from './apply-event';
import { clearPending, takePending } from './pending';

const me = { viewer: 'ana', handle: 'ana' };
const page = (items, extra = {}) => ({ pages: [{ items, next_cursor: null, ...extra }], pageParams: [null] });
const crud = (uuid, handle, extra = {}) => ({ uuid, handle, message: uuid, reply_to_activity_uuid: null, ...extra });
const message = (uuid, handle, group = 'g1', created_at = '2026-12-05T10:00:00Z') => ({
  uuid,
  message_group_uuid: group,
  handle,
  message: `text ${uuid}`,
  created_at,
});
const items = (client, key) => client.getQueryData(key).pages.flatMap((p) => p.items);

describe('applyStreamEvent', () => {
  let client;
  beforeEach(() => {
    client = createTestQueryClient();
    clearPending();
  });

  it('adds a message to its cached thread once, and brings its conversation to the top, unread', () => {
    client.setQueryData(messageKeys.thread('ana', 'g1'), page([message('m1', 'ben', 'g1', '2026-12-05T09:00:00Z')]));
    client.setQueryData(
      messageKeys.groups('ana'),
      page([
        { message_group_uuid: 'g2', handle: 'cal', message: 'old', created_at: '2026-12-05T09:30:00Z', unread: false },
        { message_group_uuid: 'g1', handle: 'ben', message: 'older', created_at: '2026-12-05T09:00:00Z', unread: false },
      ]),
    );
    const event = { event: 'message', data: { message: message('m2', 'ben') } };
    applyStreamEvent(client, me, event);
    applyStreamEvent(client, me, event);
    expect(items(client, messageKeys.thread('ana', 'g1')).map((m) => m.uuid)).toEqual(['m1', 'm2']);
    expect(items(client, messageKeys.groups('ana'))).toEqual([
      { message_group_uuid: 'g1', handle: 'ben', message: 'text m2', created_at: '2026-12-05T10:00:00Z', unread: true },
      { message_group_uuid: 'g2', handle: 'cal', message: 'old', created_at: '2026-12-05T09:30:00Z', unread: false },
    ]);
  });

  it('does not mark a conversation unread for my own message, and fetches the list for a new conversation', () => {
    client.setQueryData(
      messageKeys.groups('ana'),
      page([{ message_group_uuid: 'g1', handle: 'ben', message: 'x', created_at: '2026-12-05T09:00:00Z', unread: false }]),
    );
    applyStreamEvent(client, me, { event: 'message', data: { message: message('m2', 'ana') } });
    expect(items(client, messageKeys.groups('ana'))[0]).toMatchObject({ message: 'text m2', unread: false });
    expect(client.getQueryState(messageKeys.groups('ana')).isInvalidated).toBe(false);
    applyStreamEvent(client, me, { event: 'message', data: { message: message('m3', 'cal', 'g9') } });
    expect(client.getQueryState(messageKeys.groups('ana')).isInvalidated).toBe(true);
  });

  it('sets the badge from a notification’s unread_count; a message’s notification asks for both counts', () => {
    client.setQueryData(notificationKeys.unread('ana'), { unread_count: 1, unread_messages_count: 2 });
    applyStreamEvent(client, me, { event: 'notification', data: { notification: { type: 'like' }, unread_count: 4 } });
    expect(client.getQueryData(notificationKeys.unread('ana'))).toEqual({ unread_count: 4, unread_messages_count: 2 });
    expect(client.getQueryState(notificationKeys.unread('ana')).isInvalidated).toBe(false);
    applyStreamEvent(client, me, { event: 'notification', data: { notification: { type: 'message' }, unread_count: 5 } });
    expect(client.getQueryState(notificationKeys.unread('ana')).isInvalidated).toBe(true);
  });

  it('holds others’ cruds for Home and their author’s profile, and puts my own on Home at once', () => {
    const home = activityKeys.feed('ana', 'home');
    client.setQueryData(home, page([crud('c1', 'ben')]));
    applyStreamEvent(client, me, { event: 'home', data: { crud: crud('c2', 'ben') } });
    applyStreamEvent(client, me, { event: 'home', data: { crud: crud('c3', 'cal', { reposted_by: { handle: 'ben' } }) } });
    applyStreamEvent(client, me, { event: 'home', data: { crud: crud('c4', 'cal', { reposted_by: { handle: 'ana' } }) } });
    applyStreamEvent(client, me, { event: 'home', data: { crud: crud('c5', 'ana') } });
    expect(items(client, home).map((c) => c.uuid)).toEqual(['c5', 'c1']);
    expect(takePending(profileList('ana', 'ben')).map((c) => c.uuid)).toEqual(['c2']);
    expect(takePending(homeList('ana')).map((c) => c.uuid)).toEqual(['c3', 'c2']);
    expect(takePending(homeList('ana'))).toEqual([]);
  });

  it('takes a deleted crud out of every list, held ones included, and its parent counts one reply fewer', () => {
    const status = activityKeys.status('ana', 'ben', 'p1');
    client.setQueryData(status, page([crud('r1', 'ben', { reply_to_activity_uuid: 'p1' })], { activity: crud('p1', 'ben', { replies_count: 1 }) }));
    client.setQueryData(activityKeys.feed('ana', 'explore'), page([crud('p1', 'ben', { replies_count: 1 }), crud('r1', 'ben')]));
    applyStreamEvent(client, me, { event: 'home', data: { crud: crud('c9', 'ben') } });
    applyStreamEvent(client, me, { event: 'delete', data: { uuid: 'r1' } });
    applyStreamEvent(client, me, { event: 'delete', data: { uuid: 'c9' } });
    expect(items(client, status)).toEqual([]);
    expect(client.getQueryData(status).pages[0].activity.replies_count).toBe(0);
    expect(items(client, activityKeys.feed('ana', 'explore')).map((c) => c.uuid)).toEqual(['p1']);
    expect(takePending(homeList('ana'))).toEqual([]);
  });

  it('ignores events it does not know', () => {
    expect(() => applyStreamEvent(client, me, { event: 'future', data: {} })).not.toThrow();
  });
});

describe('refetchMissed', () => {
  it('marks the counts, notifications, conversations and crud lists stale', () => {
    const client = createTestQueryClient();
    const keys = [notificationKeys.unread('ana'), notificationKeys.list('ana'), messageKeys.groups('ana'), activityKeys.feed('ana', 'home')];
    for (const key of keys) client.setQueryData(key, page([]));
    refetchMissed(client, me);
    expect(keys.map((key) => client.getQueryState(key).isInvalidated)).toEqual([true, true, true, true]);
  });
});
