import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Dialog } from '../../../components/Dialog';
import { paths } from '../../../config/paths';
import { useAuth } from '../../../lib/auth';
import { useToast } from '../../../lib/toast';

/**
 * "Sign out" that asks first: a dialog whose Cancel has the focus, so Enter, Escape or a stray tap keeps
 * the person signed in; the focus goes back to this button when it closes.
 * `children` is the button's content (an icon or text); `label` its accessible name.
 */
export function SignOutButton({ className, children, label = 'Sign out' }) {
  const [asking, setAsking] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const toast = useToast();

  async function confirmSignOut() {
    setSigningOut(true);
    try {
      await signOut();
      setAsking(false);
      navigate(paths.home);
    } catch (error) {
      toast.error(error.message);
    } finally {
      setSigningOut(false);
    }
  }

  return (
    <>
      <button type="button" className={className} onClick={() => setAsking(true)} aria-label={label} title={label}>
        {children}
      </button>
      <Dialog open={asking} onClose={() => setAsking(false)} title="Sign out of Cruddur?">
        <div className="confirm-body">
          <p>You can sign back in at any time.</p>
          <div className="confirm-buttons">
            <button type="button" className="button button-secondary" onClick={() => setAsking(false)} data-autofocus>
              Cancel
            </button>
            <button type="button" className="button button-primary" onClick={confirmSignOut} disabled={signingOut}>
              {signingOut ? 'Signing out…' : 'Sign out'}
            </button>
          </div>
        </div>
      </Dialog>
    </>
  );
}
