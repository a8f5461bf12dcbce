import { Link } from 'react-router';
import { paths } from '../../../config/paths';

// The same shapes the API recognises: #hashtags and @handles (3..20 of a-z, 0-9, _).
const TOKEN = /(#[A-Za-z0-9_]+|(?<![\w@])@[A-Za-z0-9_]{3,20}\b)/;

/** A crud's text with its hashtags linked to search and its mentions linked to profiles. */
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
