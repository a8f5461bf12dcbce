import { Link } from 'react-router';
import { Avatar } from '../../../components/Avatar';
import { paths } from '../../../config/paths';
import { RelativeTime } from '../../../components/RelativeTime';
import { actorsPhrase } from '../grouping';
import './NotificationItem.css';

const DESCRIPTIONS = {
  reply: 'replied to your crud',
  like: 'liked your crud',
  repost: 'reposted your crud',
  follow: 'followed you',
  mention: 'mentioned you',
  message: 'sent you a message',
};

// Enough faces to see it is several people, few enough to stay on one line on a phone.
const MAX_AVATARS = 4;

function targetOf(group) {
  if (group.activity) return paths.status(group.activity.handle, group.activity.uuid);
  if (group.type === 'message') return paths.messages;
  return paths.profile(group.actors[0].handle);
}

/** One group of notifications (see groupNotifications): who, what, about which crud, when the newest came. */
export function NotificationItem({ group }) {
  const { actors, activity } = group;
  const shown = actors.slice(0, MAX_AVATARS);
  return (
    <Link to={targetOf(group)} className={`notification${group.read ? '' : ' notification-unread'}`}>
      <span className={`notification-avatars${shown.length > 1 ? ' notification-avatars-many' : ''}`}>
        {shown.map((actor) => (
          <Avatar key={actor.handle} url={actor.avatar_url} name={actor.display_name} handle={actor.handle} size={shown.length > 1 ? 32 : 40} />
        ))}
      </span>
      <span className="notification-text">
        <span>
          <strong>{actorsPhrase(actors)}</strong> {DESCRIPTIONS[group.type] || group.type}
          {!group.read && <span className="visually-hidden"> (new)</span>}
        </span>
        {activity && <span className="notification-activity">{activity.message}</span>}
        <RelativeTime className="notification-time" dateTime={group.created_at} />
      </span>
    </Link>
  );
}
