import { Link } from 'react-router';
import { paths } from '../../../config/paths';

// The shapes the API recognises (shared/API.md). A #hashtag: '#' not right after a letter, combining mark,
// digit or '_', then a letter, digit or '_' and any more of those or combining marks (so #café and #日本 are
// whole tags, and email#x is none). An @handle: 3..20 of a-z, 0-9, _.
const HASHTAG = String.raw`(?<![\p{L}\p{M}\p{Nd}_])#[\p{L}\p{Nd}_][\p{L}\p{M}\p{Nd}_]*`;
const MENTION = String.raw`(?<![\w@])@[A-Za-z0-9_]{3,20}\b`;
// A web address: only http:// and https:// ones, never javascript:, data: or any other scheme; not the tail
// of a longer word ("xhttp://"). It runs to the next space or character that cannot be in a URL; the
// punctuation that ends a sentence is cut off it afterwards (trimUrl). First in TOKEN, so the '#' and '@'
// inside an address stay part of it.
const URL_PATTERN = String.raw`(?<![\p{L}\p{N}_.+-])[Hh][Tt][Tt][Pp][Ss]?://[^\s<>"\u0000-\u001f\u007f]+`;
const TOKEN = new RegExp(`${URL_PATTERN}|${HASHTAG}|${MENTION}`, 'gu');

const TRAILING_PUNCTUATION = /[.,;:!?'"‘’“”…*_~]$/u;
const CLOSING = { ')': '(', ']': '[', '}': '{' };

/** "https://x.io/a)." at the end of "(see https://x.io/a)." → "https://x.io/a": no sentence punctuation, no unbalanced bracket. */
function trimUrl(candidate) {
  let url = candidate;
  for (;;) {
    const last = url.at(-1);
    if (TRAILING_PUNCTUATION.test(last)) {
      url = url.slice(0, -1);
    } else if (CLOSING[last] && url.split(last).length > url.split(CLOSING[last]).length) {
      url = url.slice(0, -1);
    } else {
      return url;
    }
  }
}

/** The URL to link to, or null when `text` is not an http(s) address with a host. */
function safeHref(text) {
  try {
    const url = new URL(text);
    return ['http:', 'https:'].includes(url.protocol) && url.hostname ? url.href : null;
  } catch {
    return null;
  }
}

/** The text cut into strings and {kind, text, href} tokens, in order. */
function tokenize(text) {
  const parts = [];
  let rest = 0;
  for (const match of text.matchAll(TOKEN)) {
    let token = match[0];
    const kind = token.startsWith('#') ? 'hashtag' : token.startsWith('@') ? 'mention' : 'url';
    let href = null;
    if (kind === 'url') {
      token = trimUrl(token);
      href = safeHref(token);
      if (!href) continue;
    }
    if (match.index > rest) parts.push(text.slice(rest, match.index));
    parts.push({ kind, text: token, href });
    rest = match.index + token.length;
  }
  if (rest < text.length) parts.push(text.slice(rest));
  return parts;
}

/**
 * A crud's text with its hashtags linked to search (as written: the API normalises them), its mentions
 * linked to profiles, and its http(s) addresses linked to the web, in a new tab, without passing the
 * page on (noopener noreferrer) or vouching for the site (nofollow).
 */
export function MessageText({ text, className }) {
  return (
    <p className={className}>
      {tokenize(text).map((part, index) => {
        if (typeof part === 'string') return part;
        if (part.kind === 'url') {
          return (
            <a key={index} href={part.href} className="message-link" target="_blank" rel="noopener noreferrer nofollow">
              {part.text}
            </a>
          );
        }
        const to = part.kind === 'hashtag' ? paths.search(part.text) : paths.profile(part.text.slice(1).toLowerCase());
        return (
          <Link key={index} to={to} className="message-link">
            {part.text}
          </Link>
        );
      })}
    </p>
  );
}
