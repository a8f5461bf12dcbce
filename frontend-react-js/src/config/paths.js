// Every URL of the SPA, in one place. `pattern` is for the router, the functions build links.
// Profile URLs are /@handle; the router matches the whole segment and the page strips the "@".
export const paths = {
  home: '/',
  explore: '/explore',
  signup: '/signup',
  confirm: '/confirm',
  signin: '/signin',
  forgot: '/forgot',
  notifications: '/notifications',
  messages: '/messages',
  profile: (handle) => `/@${handle}`,
  status: (handle, uuid) => `/@${handle}/status/${uuid}`,
  newMessage: (handle) => `/messages/new/${handle}`,
  messageGroup: (messageGroupUuid) => `/messages/${messageGroupUuid}`,
  search: (term) => `/search?${new URLSearchParams({ term })}`,
};

export const routePatterns = {
  profile: '/:atHandle',
  status: '/:atHandle/status/:uuid',
  newMessage: '/messages/new/:handle',
  messageGroup: '/messages/:messageGroupUuid',
  search: '/search',
};

/** "@alice" → "alice"; anything without the "@" is not a profile URL. */
export function handleFromSegment(segment) {
  return segment?.startsWith('@') ? segment.slice(1) : null;
}
