import { Link } from 'react-router';
import { Avatar } from './Avatar';
import { paths } from '../config/paths';
import './UserRow.css';

export function UserRow({ user }) {
  return (
    <Link to={paths.profile(user.handle)} className="user-row">
      <Avatar url={user.avatar_url} name={user.display_name} handle={user.handle} size={40} />
      <span className="user-row-names">
        <span className="user-row-name">{user.display_name}</span>
        <span className="user-row-handle">@{user.handle}</span>
      </span>
    </Link>
  );
}
