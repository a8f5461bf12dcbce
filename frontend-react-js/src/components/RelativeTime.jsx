import { useClock } from '../lib/clock';
import { timeAgo } from '../lib/time';

/** "now", "5m", "3h": how long ago `dateTime` was, moving on while the page is open (the shared clock). */
export function RelativeTime({ dateTime, className }) {
  const ago = useClock((now) => timeAgo(dateTime, now));
  return (
    <time dateTime={dateTime} className={className}>
      {ago}
    </time>
  );
}
