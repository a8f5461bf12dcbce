import { Link } from 'react-router';
import { Avatar } from '../../../components/Avatar';
import { EmptyState } from '../../../components/States';
import { ListStates } from '../../../components/ListStates';
import { LoadMoreButton } from '../../../components/LoadMoreButton';
import { paths } from '../../../config/paths';
import { RelativeTime } from '../../../components/RelativeTime';
import './Messages.css';

export function MessageGroupList({ list }) {
  if (list.status !== 'ready') return <ListStates list={list} feature="Messages" />;
  if (list.items.length === 0) {
    return <EmptyState title="No conversations yet">Choose New message, or Message on someone's profile.</EmptyState>;
  }
  return (
    <ul className="message-groups">
      {list.items.map((group) => (
        <li key={group.message_group_uuid}>
          <Link
            to={paths.messageGroup(group.message_group_uuid)}
            className={`message-group${group.unread ? ' message-group-unread' : ''}`}
          >
            <Avatar url={group.avatar_url} name={group.display_name} handle={group.handle} size={44} />
            <span className="message-group-text">
              <span className="message-group-top">
                <strong>{group.display_name}</strong> <span className="muted">@{group.handle}</span>
                <RelativeTime className="muted" dateTime={group.created_at} />
              </span>
              <span className="message-group-preview">{group.message}</span>
            </span>
            {group.unread && (
              <span className="message-group-dot">
                <span className="visually-hidden">(unread)</span>
              </span>
            )}
          </Link>
        </li>
      ))}
      <LoadMoreButton list={list} />
    </ul>
  );
}
