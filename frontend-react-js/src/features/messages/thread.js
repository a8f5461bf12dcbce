/** A conversation's messages in reading order: oldest first, whatever order the pages arrived in. */
export function inReadingOrder(messages) {
  return [...messages].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.uuid.localeCompare(b.uuid));
}

/** The messages of a freshly polled page that are not on screen yet, oldest first. */
export function unseenMessages(shown, polled) {
  const known = new Set(shown.map((message) => message.uuid));
  return inReadingOrder(polled.filter((message) => !known.has(message.uuid)));
}
