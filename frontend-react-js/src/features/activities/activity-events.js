// The composer lives in the layout, the feeds in the pages: a new crud is announced here so that
// whichever feed is on screen can show it at the top without a reload.
const listeners = new Set();

export function announceActivityCreated(activity) {
  for (const listener of listeners) listener(activity);
}

export function onActivityCreated(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
