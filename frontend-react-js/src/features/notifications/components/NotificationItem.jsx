import { Link } from 'react-router';
import { Avatar } from '../../../components/Avatar';
import { paths } from '../../../config/paths';
import { RelativeTime } from '../../../components/RelativeTime';
import './NotificationItem.css';

const DESCRIPTIONS = {
  reply: 'replied to your crud',
  like: 'liked your crud',
  repost: 'reposted your crud',
  follow: 'followed you',
  mention: 'mentioned you',
  message: 'sent you a message',
};

function targetOf(notification) {
  if (notification.activity) return paths.status(notification.activity.handle, notification.activity.uuid);
  if (notification.type === 'message') return paths.messages;
  return paths.profile(notification.actor.handle);
}

export function NotificationItem({ notification }) {
  const { actor, activity } = notification;
  return (
    <Link to={targetOf(notification)} className={`notification${notification.read ? '' : ' notification-unread'}`}>
      <Avatar url={actor.avatar_url} name={actor.display_name} handle={actor.handle} size={40} />
      <span className="notification-text">
        <span>
          <strong>{actor.display_name}</strong> {DESCRIPTIONS[notification.type] || notification.type}
          {!notification.read && <span className="visually-hidden"> (new)</span>}
        </span>
        {activity && <span className="notification-activity">{activity.message}</span>}
        <RelativeTime className="notification-time" dateTime={notification.created_at} />
      </span>
    </Link>
  );
}
