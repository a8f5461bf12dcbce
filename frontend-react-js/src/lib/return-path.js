import { paths } from '../config/paths';

const HERE = 'https://cruddur.invalid';
const AUTH_PAGES = [paths.signin, paths.signup, paths.confirm, paths.forgot];

/**
 * Where to go back to after signing in: a path of this app ("/messages?x=1#y"), or null for anything else.
 * Never another site ("//evil.example", "/\evil.example", "https://…", "javascript:…": browsers read the
 * first two as other hosts), nothing with control characters, and not a sign-in page itself.
 */
export function safeReturnPath(value) {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return null;
  if ([...value].some((character) => character === '\\' || character < ' ' || character === '\u007f')) return null;
  let url;
  try {
    url = new URL(value, HERE);
  } catch {
    return null;
  }
  if (url.origin !== HERE || AUTH_PAGES.includes(url.pathname)) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
