const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const UNITS = [
  { size: DAY, short: 'd', long: 'day' },
  { size: HOUR, short: 'h', long: 'hour' },
  { size: MINUTE, short: 'm', long: 'minute' },
  { size: SECOND, short: 's', long: 'second' },
];

function largestUnit(milliseconds) {
  return UNITS.find((unit) => milliseconds >= unit.size) || UNITS[UNITS.length - 1];
}

/** "5m", "2h", "3d": how long ago, in the largest whole unit; older than a week shows the date. */
export function timeAgo(isoTime, now = Date.now()) {
  const elapsed = Math.max(0, now - new Date(isoTime).getTime());
  if (elapsed < MINUTE) return 'now';
  if (elapsed >= 7 * DAY) {
    return new Date(isoTime).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
  }
  const unit = largestUnit(elapsed);
  return `${Math.floor(elapsed / unit.size)}${unit.short}`;
}

/** Time left rounded up to the largest unit, so "29m" is shown until 28 minutes are left. */
export function timeLeft(milliseconds) {
  const unit = largestUnit(milliseconds);
  const count = Math.max(1, Math.ceil(milliseconds / unit.size));
  return { short: `${count}${unit.short}`, long: `${count} ${unit.long}${count === 1 ? '' : 's'}` };
}
