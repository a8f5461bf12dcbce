import { useId } from 'react';
import { TTL_OPTIONS } from '../ttl';

export function TtlPicker({ value, onChange, disabled }) {
  const id = useId();
  return (
    <span className="ttl-picker">
      <label htmlFor={id}>Expires after</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)} disabled={disabled}>
        {TTL_OPTIONS.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </span>
  );
}
