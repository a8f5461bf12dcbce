import { Link } from 'react-router';
import { paths } from '../../../config/paths';

// The shapes the API recognises (shared/API.md). A #hashtag: '#' not right after a letter, combining mark,
// digit or '_', then a letter, digit or '_' and any more of those or combining marks (so #café and #日本 are
// whole tags, and email#x is none). An @handle: 3..20 of a-z, 0-9, _.
const HASHTAG = String.raw`(?<![\p{L}\p{M}\p{Nd}_])#[\p{L}\p{Nd}_][\p{L}\p{M}\p{Nd}_]*`;
const MENTION = String.raw`(?<![\w@])@[A-Za-z0-9_]{3,20}\b`;
const TOKEN = new RegExp(`(${HASHTAG}|${MENTION})`, 'u');

/**
 * A crud's text with its hashtags linked to search (as written: the API normalises them) and its mentions
 * linked to profiles.
 */
export function MessageText({ text, className }) {
  const parts = text.split(TOKEN);
  return (
    <p className={className}>
      {parts.map((part, index) => {
        if (index % 2 === 0) return part;
        if (part.startsWith('#')) {
          return (
            <Link key={index} to={paths.search(part)} className="message-link">
              {part}
            </Link>
          );
        }
        return (
          <Link key={index} to={paths.profile(part.slice(1).toLowerCase())} className="message-link">
            {part}
          </Link>
        );
      })}
    </p>
  );
}
