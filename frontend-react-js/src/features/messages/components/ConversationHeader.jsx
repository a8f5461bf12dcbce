import { Link } from 'react-router';
import { Avatar } from '../../../components/Avatar';
import { paths } from '../../../config/paths';
import './Messages.css';

function BackArrow() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M20 11H7.8l5.6-5.6L12 4l-8 8 8 8 1.4-1.4L7.8 13H20z" fill="currentColor" />
    </svg>
  );
}

/** "Back to Messages", as a link so it works the same on every screen, with a new tab, and without history. */
export function BackToMessages() {
  return (
    <Link to={paths.messages} className="icon-button conversation-back" aria-label="Back to Messages" title="Back to Messages">
      <BackArrow />
    </Link>
  );
}

/**
 * The header of a conversation (or of a message to someone): who it is with — avatar, name, @handle linking to
 * their profile — and the way back to Messages. `person` is a UserShort, or null while it loads.
 */
export function ConversationHeader({ person, fallbackTitle = 'Conversation' }) {
  return (
    <header className="page-header conversation-header">
      <BackToMessages />
      {person ? (
        <>
          <Avatar url={person.avatar_url} name={person.display_name} handle={person.handle} size={36} />
          <span className="conversation-header-names">
            <h1>{person.display_name}</h1>
            <Link to={paths.profile(person.handle)} className="conversation-header-handle">
              @{person.handle}
            </Link>
          </span>
        </>
      ) : (
        <h1>{fallbackTitle}</h1>
      )}
    </header>
  );
}
