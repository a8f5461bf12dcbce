import { useSyncExternalStore } from 'react';
import './ConnectionBanner.css';

function subscribe(onChange) {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

const isOnline = () => navigator.onLine;

/**
 * Says, politely, when the browser is offline or Cruddur's API cannot be reached; the app keeps its frame and
 * tries again on its own (`onRetry` tries at once). The status element is always there, so screen readers
 * announce the message when it appears.
 */
export function ConnectionBanner({ unreachable, onRetry }) {
  const online = useSyncExternalStore(subscribe, isOnline, () => true);
  let message = null;
  if (!online) message = "You're offline. Cruddur will reconnect when you're back online.";
  else if (unreachable) message = "Can't reach Cruddur right now. Trying again automatically…";
  return (
    <div className={`connection-banner${message ? ' connection-banner-shown' : ''}`}>
      <p role="status" aria-live="polite" className="connection-banner-text">
        {message}
      </p>
      {message && unreachable && online && (
        <button type="button" className="button button-secondary connection-banner-retry" onClick={onRetry}>
          Try now
        </button>
      )}
    </div>
  );
}
