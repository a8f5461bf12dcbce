import { useEffect } from 'react';
import { BombIcon } from '../../../components/Icons';
import { useClock } from '../../../lib/clock';
import { timeLeft } from '../../../lib/time';

/** In its last five minutes a crud's countdown turns urgent: another colour, "left", and one polite word. */
export const URGENT_MILLISECONDS = 5 * 60_000;

// What the countdown shows, as one string (so the shared clock re-renders it only when that changes):
// "expired", or "<short>|<long>|<urgent>".
function countdown(expiresAtMs, now) {
  const remaining = expiresAtMs - now;
  if (remaining <= 0) return 'expired';
  const left = timeLeft(remaining);
  return `${left.short}|${left.long}|${remaining <= URGENT_MILLISECONDS ? 'urgent' : ''}`;
}

/**
 * "29m" with a bomb, on the shared clock; calls onExpire once when the crud's time is up. Screen readers
 * read "Expires in 29 minutes" with the crud, and hear (politely, once) when it has less than five minutes
 * left, never a second-by-second count.
 */
export function ExpiryCountdown({ expiresAt, onExpire }) {
  const expiresAtMs = new Date(expiresAt).getTime();
  const shown = useClock((now) => countdown(expiresAtMs, now));
  const expired = shown === 'expired';

  useEffect(() => {
    if (expired) onExpire?.();
  }, [expired, onExpire]);

  if (expired) return null;
  const [short, long, urgent] = shown.split('|');
  return (
    <span className={`expiry${urgent ? ' expiry-urgent' : ''}`} title={`Expires in ${long}`}>
      <BombIcon size={16} />
      <span aria-hidden="true">{urgent ? `${short} left` : short}</span>
      <span className="visually-hidden">Expires in {long}</span>
      {/* Always in the page, so that the one change in it is announced. */}
      <span className="visually-hidden" aria-live="polite">
        {urgent ? 'This crud expires in less than 5 minutes.' : ''}
      </span>
    </span>
  );
}
