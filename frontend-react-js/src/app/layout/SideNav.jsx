import { Link, NavLink, useLocation } from 'react-router';
import { Avatar } from '../../components/Avatar';
import { BellIcon, PencilIcon, HomeIcon, MessageIcon, PersonIcon, SearchIcon, SignOutIcon } from '../../components/Icons';
import { Logo } from '../../components/Logo';
import { ThemeSwitch } from '../../components/ThemeSwitch';
import { paths } from '../../config/paths';
import { useAuth } from '../../lib/auth';
import { SignOutButton } from '../../features/auth/components/SignOutButton';
import { useUnreadCount, useUnreadMessagesCount } from '../../features/notifications/hooks/use-unread-count';
import './SideNav.css';

function NavItem({ to, icon: Icon, label, className = '', badge = 0, badgeLabel = (count) => `${count} unread` }) {
  return (
    <NavLink to={to} end className={`nav-item ${className}`}>
      <span className="nav-icon">
        <Icon size={28} />
        {badge > 0 && (
          <span className="nav-badge" aria-label={badgeLabel(badge)}>
            {badge > 99 ? '99+' : badge}
          </span>
        )}
      </span>
      <span className="nav-label">{label}</span>
    </NavLink>
  );
}

export function SideNav({ onOpenComposer }) {
  const { status, user } = useAuth();
  const unread = useUnreadCount(status === 'signedIn');
  const unreadConversations = useUnreadMessagesCount(status === 'signedIn');
  // Signing in (or up) from here comes back here (AuthPages).
  const location = useLocation();
  const here = { from: `${location.pathname}${location.search}` };

  return (
    <nav className="side-nav" aria-label="Main">
      <Link to={paths.home} className="side-nav-logo">
        <Logo size={52} />
      </Link>
      <NavItem to={paths.home} icon={HomeIcon} label="Home" />
      <NavItem to={paths.search('')} icon={SearchIcon} label="Search" className="nav-item-narrow-only" />
      {status === 'signedIn' && (
        <>
          <NavItem to={paths.notifications} icon={BellIcon} label="Notifications" badge={unread} />
          <NavItem
            to={paths.messages}
            icon={MessageIcon}
            label="Messages"
            badge={unreadConversations}
            badgeLabel={(count) => `${count} unread ${count === 1 ? 'conversation' : 'conversations'}`}
          />
          {user.handle && <NavItem to={paths.profile(user.handle)} icon={PersonIcon} label="Profile" />}
          <button type="button" className="button button-primary crud-button" onClick={onOpenComposer}>
            <PencilIcon size={24} className="crud-button-icon" />
            <span className="crud-button-label">Crud</span>
          </button>
          <ThemeSwitch />
          <div className="side-nav-account">
            <Avatar url={user.avatarUrl} name={user.displayName} handle={user.handle} size={40} />
            <span className="side-nav-account-names">
              <span className="side-nav-account-name">{user.displayName}</span>
              <span className="side-nav-account-handle">@{user.handle}</span>
            </span>
            {/* Not on the phone's bottom bar (SideNav.css): there it is on the Profile page. */}
            <SignOutButton className="icon-button">
              <SignOutIcon />
            </SignOutButton>
          </div>
        </>
      )}
      {status === 'signedOut' && (
        <div className="side-nav-auth">
          <Link to={paths.signin} state={here} className="button button-primary">
            Sign in
          </Link>
          <Link to={paths.signup} state={here} className="button button-secondary">
            Sign up
          </Link>
        </div>
      )}
      {status === 'signedOut' && <ThemeSwitch />}
    </nav>
  );
}
