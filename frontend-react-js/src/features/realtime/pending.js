import { useCallback, useSyncExternalStore } from 'react';

// Cruds that arrived on the stream for a list the reader has on screen (Home, a profile), held back until
// they ask for them ("N new cruds"), so nothing moves under their eyes. In memory, per list key; the newest
// first, at most PENDING_MAX per list.
const PENDING_MAX = 100;
const NONE = Object.freeze([]);
let pending = new Map();
const listeners = new Set();

const keyOf = (listKey) => JSON.stringify(listKey);

function changed() {
  listeners.forEach((notify) => notify());
}

export function addPending(listKey, crud) {
  const key = keyOf(listKey);
  const held = pending.get(key) ?? NONE;
  const next = [crud, ...held.filter((item) => item.uuid !== crud.uuid)].slice(0, PENDING_MAX);
  pending = new Map(pending).set(key, next);
  changed();
}

/** Answers the list's held cruds, newest first, and forgets them. */
export function takePending(listKey) {
  const key = keyOf(listKey);
  const held = pending.get(key) ?? NONE;
  if (held.length === 0) return held;
  pending = new Map(pending);
  pending.delete(key);
  changed();
  return held;
}

/** A crud deleted or expired is no longer new anywhere. */
export function dropPending(uuid) {
  let dropped = false;
  const next = new Map();
  for (const [key, held] of pending) {
    const kept = held.filter((item) => item.uuid !== uuid);
    dropped ||= kept.length !== held.length;
    if (kept.length) next.set(key, kept);
  }
  if (dropped) {
    pending = next;
    changed();
  }
}

/** Signed out, or another person signed in: nothing held is theirs. */
export function clearPending() {
  if (pending.size === 0) return;
  pending = new Map();
  changed();
}

function subscribe(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The list's held cruds, newest first (the same array until they change). */
export function usePending(listKey) {
  const key = keyOf(listKey);
  const read = useCallback(() => pending.get(key) ?? NONE, [key]);
  return useSyncExternalStore(subscribe, read, read);
}
