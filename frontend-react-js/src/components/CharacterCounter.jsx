import { countCharacters } from '../lib/text-length';

export function CharacterCounter({ text, max, id }) {
  const count = countCharacters(text);
  const over = count > max;
  return (
    <span id={id} className={`character-counter${over ? ' character-counter-over' : ''}`}>
      {count}/{max}
      {over && <span className="visually-hidden"> – {count - max} characters too many</span>}
    </span>
  );
}
