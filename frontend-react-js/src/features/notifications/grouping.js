// Notifications of one kind about one thing read as one line: "Ana and 3 others liked your crud".
// Likes and reposts group by the crud, follows all together; replies, mentions and messages stay one by one.

/** The key a notification groups under, or null when it stands alone. */
function groupKey(notification) {
  if ((notification.type === 'like' || notification.type === 'repost') && notification.activity) {
    return `${notification.type}:${notification.activity.uuid}`;
  }
  if (notification.type === 'follow') return 'follow';
  return null;
}

/**
 * The loaded notifications (newest first) as groups, newest first: a group stands where its newest
 * notification is. Each group has its `notifications`, `actors` (each person once, newest first), the
 * `activity` they are about, `created_at` of the newest and `read` (false while any of them is unread).
 */
export function groupNotifications(notifications) {
  const groups = [];
  const byKey = new Map();
  for (const notification of notifications) {
    const key = groupKey(notification);
    let group = key && byKey.get(key);
    if (!group) {
      group = {
        key: key ?? notification.uuid,
        type: notification.type,
        activity: notification.activity,
        created_at: notification.created_at,
        notifications: [],
        actors: [],
        read: true,
      };
      groups.push(group);
      if (key) byKey.set(key, group);
    }
    group.notifications.push(notification);
    if (!group.actors.some((actor) => actor.handle === notification.actor.handle)) group.actors.push(notification.actor);
    group.read = group.read && notification.read;
  }
  return groups;
}

/** "Ana", "Ana and Ben", "Ana and 3 others". */
export function actorsPhrase(actors) {
  const [first, second] = actors;
  if (actors.length === 1) return first.display_name;
  if (actors.length === 2) return `${first.display_name} and ${second.display_name}`;
  return `${first.display_name} and ${actors.length - 1} others`;
}
