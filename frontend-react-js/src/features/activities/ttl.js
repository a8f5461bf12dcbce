// The lifetimes a crud can have, as the API names them, longest first.
export const TTL_OPTIONS = [
  { value: '30-days', label: '30 days' },
  { value: '7-days', label: '7 days' },
  { value: '3-days', label: '3 days' },
  { value: '1-day', label: '1 day' },
  { value: '12-hours', label: '12 hours' },
  { value: '3-hours', label: '3 hours' },
  { value: '1-hour', label: '1 hour' },
];

export const DEFAULT_TTL = '7-days';
