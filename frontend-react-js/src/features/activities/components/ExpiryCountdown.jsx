import { useEffect, useState } from 'react';
import { BombIcon } from '../../../components/Icons';
import { timeLeft } from '../../../lib/time';

const TICK_MILLISECONDS = 1000;

/** "29m" with a bomb, ticking every second; calls onExpire once when the crud's time is up. */
export function ExpiryCountdown({ expiresAt, onExpire }) {
  const expiresAtMs = new Date(expiresAt).getTime();
  const [now, setNow] = useState(() => Date.now());
  const remaining = expiresAtMs - now;
  const expired = remaining <= 0;

  useEffect(() => {
    if (expired) return undefined;
    const timer = setInterval(() => setNow(Date.now()), TICK_MILLISECONDS);
    return () => clearInterval(timer);
  }, [expired]);

  useEffect(() => {
    if (expired) onExpire?.();
  }, [expired, onExpire]);

  if (expired) return null;
  const left = timeLeft(remaining);
  return (
    <span className="expiry" title={`Expires in ${left.long}`}>
      <BombIcon size={16} />
      <span aria-hidden="true">{left.short}</span>
      <span className="visually-hidden">Expires in {left.long}</span>
    </span>
  );
}
