import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { SearchIcon } from '../../../components/Icons';
import { paths } from '../../../config/paths';
import './SearchBox.css';

export function SearchBox({ initialTerm = '' }) {
  const [term, setTerm] = useState(initialTerm);
  const navigate = useNavigate();
  const inputId = useId();

  function search(event) {
    event.preventDefault();
    if (term.trim()) navigate(paths.search(term.trim()));
  }

  return (
    <form role="search" className="search-box" onSubmit={search}>
      <label htmlFor={inputId} className="visually-hidden">
        Search Cruddur
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
