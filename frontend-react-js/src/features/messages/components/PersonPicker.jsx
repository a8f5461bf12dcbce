import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { Avatar } from '../../../components/Avatar';
import { useViewer } from '../../../lib/auth';
import { discoveryKeys, searchUsers } from '../../discovery/api/discovery';
import './PersonPicker.css';

const TYPING_PAUSE_MS = 200;

/** `value` once it has stayed the same for `delayMs`. */
function useSettled(value, delayMs) {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/**
 * A typeahead over the people search (GET /api/users/search): the ARIA combobox pattern — type, move with
 * the arrow keys, Enter (or a click) picks. `onPick(user)` gets a UserShort; the signed-in person is left out.
 */
export function PersonPicker({ onPick, excludeHandle, label = 'Find a person' }) {
  const { ready, viewer } = useViewer();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const term = useSettled(text.trim(), TYPING_PAUSE_MS);
  const inputId = useId();
  const listId = useId();
  const statusId = useId();
  const search = useQuery({
    queryKey: discoveryKeys.people(viewer, term),
    queryFn: () => searchUsers(term),
    enabled: ready && term.length > 0,
    placeholderData: keepPreviousData,
  });
  const people = term ? (search.data?.items ?? []).filter((user) => user.handle !== excludeHandle) : [];
  const open = people.length > 0 && text.trim().length > 0;
  const current = Math.min(active, people.length - 1);
  const optionId = (index) => `${listId}-option-${index}`;

  let status = '';
  if (term && search.isError) status = search.error.message;
  else if (term && search.isSuccess && !search.isPlaceholderData) {
    status = people.length === 0 ? `No one matches “${term}”.` : `${people.length} ${people.length === 1 ? 'person' : 'people'} found.`;
  }

  function onKeyDown(event) {
    if (!open) return;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((current + 1) % people.length);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((current - 1 + people.length) % people.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      onPick(people[current]);
    }
  }

  return (
    <div className="person-picker">
      <label htmlFor={inputId} className="person-picker-label">
        {label}
      </label>
      <input
        id={inputId}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        placeholder="Name or @username"
        data-autofocus
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open ? optionId(current) : undefined}
        aria-describedby={statusId}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <p id={statusId} className="person-picker-status" role="status">
        {status}
      </p>
      <ul id={listId} role="listbox" aria-label="People" className="person-picker-list" hidden={!open}>
        {open &&
          people.map((user, index) => (
            <li
              key={user.uuid}
              id={optionId(index)}
              role="option"
              aria-selected={index === current}
              className="person-picker-option"
              onMouseEnter={() => setActive(index)}
              // Picked on mousedown's click, keeping the focus in the field until then.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => onPick(user)}
            >
              <Avatar url={user.avatar_url} name={user.display_name} handle={user.handle} size={36} />
              <span className="person-picker-names">
                <span className="person-picker-name">{user.display_name}</span>
                <span className="person-picker-handle">@{user.handle}</span>
              </span>
            </li>
          ))}
      </ul>
    </div>
  );
}
