/** A conversation's messages in reading order: oldest first, whatever order the pages arrived in. */
export function inReadingOrder(messages) {
  return [...messages].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.uuid.localeCompare(b.uuid));
}

/** Of messages that just arrived, those not on screen yet, oldest first. */
export function unseenMessages(shown, arrived) {
  const known = new Set(shown.map((message) => message.uuid));
  return inReadingOrder(arrived.filter((message) => !known.has(message.uuid)));
}

/**
 * The conversation list with conversations that just changed on top, in their order (newest message first),
 * then the others as shown.
 */
export function withNewestConversations(shown, changed) {
  const changedGroups = new Set(changed.map((group) => group.message_group_uuid));
  return [...changed, ...shown.filter((group) => !changedGroups.has(group.message_group_uuid))];
}
