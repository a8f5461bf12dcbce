import { useId, useState } from 'react';
import { readThemeChoice, saveThemeChoice, THEME_CHOICES } from '../lib/theme';
import './ThemeSwitch.css';

/** System / Light / Dark. The choice is remembered in this browser; System follows the device's setting. */
export function ThemeSwitch() {
  const [choice, setChoice] = useState(readThemeChoice);
  const id = useId();
  return (
    <span className="theme-switch">
      <label htmlFor={id}>Theme</label>
      <select
        id={id}
        value={choice}
        onChange={(event) => {
          setChoice(event.target.value);
          saveThemeChoice(event.target.value);
        }}
      >
        {THEME_CHOICES.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </span>
  );
}
