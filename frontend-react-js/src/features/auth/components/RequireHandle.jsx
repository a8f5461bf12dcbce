import { usePageTitle } from '../../../hooks/use-page-title';
import { useAuth } from '../../../lib/auth';
import { AuthCard } from './AuthCard';
import { ChooseHandleForm } from './ChooseHandleForm';

function ChooseHandleScreen() {
  usePageTitle('Choose your username');
  const { user, handleClaimed, refreshUser, signOut } = useAuth();
  return (
    <AuthCard
      title="Choose your username"
      footer={
        <button type="button" className="button-link" onClick={signOut}>
          Sign out
        </button>
      }
    >
      <p className="form-note">
        {lostHandleNote(user.lostHandle)}{' '}
        Choose another one to start using Cruddur.
      </p>
      <ChooseHandleForm onClaimed={handleClaimed} onAlreadyHasHandle={refreshUser} />
    </AuthCard>
  );
}

function lostHandleNote({ handle, problem }) {
  if (problem === 'invalid_handle') {
    return `${handle ? `"${handle}"` : 'The username you signed up with'} cannot be a username: use 3–20 lowercase letters, numbers or underscores.`;
  }
  return handle
    ? `Someone else took @${handle} before you first signed in.`
    : 'Someone else took the username you chose before you first signed in.';
}

/**
 * Wraps every page: a signed-in account whose sign-up username went to someone else first has no profile
 * yet (the API refuses all its calls), so it is asked for another username before anything else.
 */
export function RequireHandle({ children }) {
  const { status } = useAuth();
  return status === 'needsHandle' ? <ChooseHandleScreen /> : children;
}
