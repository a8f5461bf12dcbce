import { useState } from 'react';
import './Avatar.css';

// Dark enough for white initials to pass WCAG AA contrast.
const PALETTE = ['#7b1fd6', '#ad1457', '#1565c0', '#00695c', '#bf360c', '#5d4037', '#283593', '#33691e'];

function initialsOf(name) {
  const words = (name || '?').trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? words[0][0] + words[words.length - 1][0] : (words[0] || '?').slice(0, 2);
  return letters.toUpperCase();
}

// The same handle always gets the same colour.
function colourFor(seed) {
  let hash = 0;
  for (const char of seed || '') hash = (hash * 31 + char.codePointAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length];
}

// avatar_url names the 512 px picture; the avatar handler also writes a 128 px one beside it (-128.webp),
// sharp enough up to 64 px on a 2x screen.
function sourceFor(url, size) {
  return size <= 64 ? url.replace(/-512\.webp$/, '-128.webp') : url;
}

/** A user's picture, or their initials on a colour when there is none or it fails to load. */
export function Avatar({ url, name, handle, size = 48 }) {
  const [failedUrl, setFailedUrl] = useState(null);
  const style = { width: size, height: size, fontSize: size * 0.38 };
  if (url && failedUrl !== url) {
    return <img className="avatar" src={sourceFor(url, size)} alt="" style={style} onError={() => setFailedUrl(url)} />;
  }
  return (
    <span className="avatar avatar-initials" style={{ ...style, background: colourFor(handle || name) }} aria-hidden="true">
      {initialsOf(name || handle)}
    </span>
  );
}
