// Unsent text kept per person in localStorage, so closing the composer or reloading the page loses nothing.
// When storage is refused (private modes, a full quota) the draft stays in memory for the page's lifetime.

const PREFIX = 'cruddur:draft:';
const inMemory = new Map();

/** The storage key of a person's crud draft; null when there is nobody to keep it for. */
export function draftKey(user) {
  const owner = user?.uuid || user?.handle || user?.id;
  return owner ? `${PREFIX}${owner}` : null;
}

/** `{ text, ...extra }` as last saved under `key`, or null. */
export function loadDraft(key) {
  if (!key) return null;
  let stored;
  try {
    stored = window.localStorage.getItem(key);
  } catch {
    return inMemory.get(key) ?? null;
  }
  if (stored === null) return inMemory.get(key) ?? null;
  try {
    const draft = JSON.parse(stored);
    return typeof draft?.text === 'string' ? draft : null;
  } catch {
    return null;
  }
}

/** Saves `draft` under `key`; a draft without text or photos is removed instead. */
export function saveDraft(key, draft) {
  if (!key) return;
  if (!draft?.text && !draft?.photos?.length) {
    clearDraft(key);
    return;
  }
  inMemory.set(key, draft);
  try {
    window.localStorage.setItem(key, JSON.stringify(draft));
    inMemory.delete(key);
  } catch {
    // kept in memory
  }
}

export function clearDraft(key) {
  if (!key) return;
  inMemory.delete(key);
  try {
    window.localStorage.removeItem(key);
  } catch {
    // nothing stored
  }
}
