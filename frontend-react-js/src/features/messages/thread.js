/** A conversation's messages in reading order: oldest first, whatever order the pages arrived in. */
export function inReadingOrder(messages) {
  return [...messages].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.uuid.localeCompare(b.uuid));
}

/** The messages of a freshly polled page that are not on screen yet, oldest first. */
export function unseenMessages(shown, polled) {
  const known = new Set(shown.map((message) => message.uuid));
  return inReadingOrder(polled.filter((message) => !known.has(message.uuid)));
}

/**
 * The conversation list after its newest page was polled: the polled conversations on top in their order
 * (newest message first), then the others as shown.
 */
export function withNewestConversations(shown, polled) {
  const polledGroups = new Set(polled.map((group) => group.message_group_uuid));
  return [...polled, ...shown.filter((group) => !polledGroups.has(group.message_group_uuid))];
}
