import { useState } from 'react';
import { Link } from 'react-router';
import { Avatar } from '../../../components/Avatar';
import { Dialog } from '../../../components/Dialog';
import { paths } from '../../../config/paths';
import { useAuth } from '../../../lib/auth';
import { useToast } from '../../../lib/toast';
import { useFollow, useProfileChanged } from '../hooks/use-profile-changes';
import { SignOutButton } from '../../auth/components/SignOutButton';
import { EditProfileForm } from './EditProfileForm';
import './ProfileHeader.css';

function Count({ value, label }) {
  return (
    <span className="profile-count">
      <strong>{value.toLocaleString()}</strong> {label}
    </span>
  );
}

export function ProfileHeader({ profile }) {
  const [editing, setEditing] = useState(false);
  const { status } = useAuth();
  const toast = useToast();
  const follow = useFollow(profile);
  const profileChanged = useProfileChanged();
  const canFollow = status === 'signedIn' && !profile.is_me;

  return (
    <section className="profile-header" aria-label="Profile">
      <div className="profile-banner" />
      <div className="profile-top">
        <div className="profile-avatar">
          <Avatar url={profile.avatar_url} name={profile.display_name} handle={profile.handle} size={112} />
        </div>
        <div className="profile-buttons">
          {profile.is_me && (
            <button type="button" className="button button-secondary" onClick={() => setEditing(true)}>
              Edit profile
            </button>
          )}
          {profile.is_me && (
            <SignOutButton className="button button-secondary profile-sign-out">Sign out</SignOutButton>
          )}
          {canFollow && (
            <>
              <Link to={paths.newMessage(profile.handle)} className="button button-secondary">
                Message
              </Link>
              <button
                type="button"
                className="button button-primary"
                onClick={follow.toggle}
                aria-pressed={Boolean(profile.following)}
                aria-disabled={follow.pending || undefined}
              >
                {profile.following ? 'Unfollow' : 'Follow'}
              </button>
            </>
          )}
        </div>
      </div>
      <h2 className="profile-display-name">{profile.display_name}</h2>
      <p className="profile-handle">@{profile.handle}</p>
      {profile.bio && <p className="profile-bio">{profile.bio}</p>}
      <p className="profile-counts">
        <Count value={profile.cruds_count} label={profile.cruds_count === 1 ? 'Crud' : 'Cruds'} />
        <Count value={profile.following_count} label="Following" />
        <Count value={profile.followers_count} label={profile.followers_count === 1 ? 'Follower' : 'Followers'} />
      </p>
      <Dialog open={editing} onClose={() => setEditing(false)} title="Edit profile">
        <EditProfileForm
          profile={profile}
          onSaved={(updated) => {
            profileChanged(profile.handle, updated);
            setEditing(false);
            toast.show('Profile saved.');
          }}
          onAvatarChanged={(change) => profileChanged(profile.handle, change)}
        />
      </Dialog>
    </section>
  );
}
