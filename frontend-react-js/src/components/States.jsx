import { isRetryable } from '../lib/api-error';
import './States.css';

export function LoadingState({ label = 'Loading…' }) {
  return (
    <div className="state" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function EmptyState({ title, children }) {
  return (
    <div className="state">
      <p className="state-title">{title}</p>
      {children && <p className="state-text">{children}</p>}
    </div>
  );
}

/** An error, with "Try again" only when asking again could help (not for a 4xx such as a malformed id). */
export function ErrorState({ error, onRetry }) {
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">{error?.message || 'Something went wrong.'}</p>
      {onRetry && isRetryable(error) && (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** For parts of Cruddur whose API is not built yet (the endpoint answers 404/405). */
export function ComingSoonState({ feature }) {
  return (
    <div className="state state-coming-soon">
      <p className="state-title">{feature} coming soon</p>
      <p className="state-text">We are still building this. Check back shortly.</p>
    </div>
  );
}
