// Light, dark, or the system's setting (prefers-color-scheme), remembered per browser in localStorage.
// public/theme.js applies the same rule before the first paint; this keeps <html data-theme> in step when the
// person chooses, when the system setting changes, and when another tab chooses.

export const THEME_KEY = 'cruddur:theme';
export const THEME_CHOICES = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];
const LIGHT_QUERY = '(prefers-color-scheme: light)';

export function readThemeChoice() {
  let stored = null;
  try {
    stored = window.localStorage.getItem(THEME_KEY);
  } catch {
    // storage refused: follow the system
  }
  return stored === 'light' || stored === 'dark' ? stored : 'system';
}

const systemIsLight = () => Boolean(window.matchMedia?.(LIGHT_QUERY).matches);

/** 'light' or 'dark': what `choice` means now. With no system preference, Cruddur is dark. */
export function resolveTheme(choice) {
  if (choice === 'light' || choice === 'dark') return choice;
  return systemIsLight() ? 'light' : 'dark';
}

export function applyTheme(choice = readThemeChoice()) {
  document.documentElement.dataset.theme = resolveTheme(choice);
}

export function saveThemeChoice(choice) {
  try {
    if (choice === 'system') window.localStorage.removeItem(THEME_KEY);
    else window.localStorage.setItem(THEME_KEY, choice);
  } catch {
    // not remembered, but applied for this page
  }
  applyTheme(choice);
}

/** Follows the system setting and other tabs' choices; returns a function that stops. */
export function followThemeChanges() {
  const media = window.matchMedia?.(LIGHT_QUERY);
  const onSystemChange = () => applyTheme();
  const onStorage = (event) => event.key === THEME_KEY && applyTheme();
  media?.addEventListener('change', onSystemChange);
  window.addEventListener('storage', onStorage);
  applyTheme();
  return () => {
    media?.removeEventListener('change', onSystemChange);
    window.removeEventListener('storage', onStorage);
  };
}
