import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { SearchIcon } from '../../../components/Icons';
import { paths } from '../../../config/paths';
import './SearchBox.css';

/** `label` names the search landmark and its field; two boxes on one page need different ones. */
export function SearchBox({ initialTerm = '', label = 'Search Cruddur' }) {
  const [term, setTerm] = useState(initialTerm);
  const navigate = useNavigate();
  const inputId = useId();

  function search(event) {
    event.preventDefault();
    if (term.trim()) navigate(paths.search(term.trim()));
  }

  return (
    <form role="search" aria-label={label} className="search-box" onSubmit={search}>
      <label htmlFor={inputId} className="visually-hidden">
        {label}
      </label>
      <SearchIcon size={18} />
      <input
        id={inputId}
        type="search"
        placeholder="Search Cruddur"
        value={term}
        onChange={(event) => setTerm(event.target.value)}
      />
    </form>
  );
}
