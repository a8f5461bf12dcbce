import { Link } from 'react-router';
import { paths } from '../../../config/paths';

/** "Replying to @alice" over a reply, linking to the crud it answers; nothing for a top-level crud. */
export function ReplyContext({ activity }) {
  if (!activity.reply_to_activity_uuid || !activity.reply_to_handle) return null;
  return (
    <p className="activity-replying-to">
      <Link to={paths.status(activity.reply_to_handle, activity.reply_to_activity_uuid)}>
        Replying to <span className="activity-replying-to-handle">@{activity.reply_to_handle}</span>
      </Link>
    </p>
  );
}
