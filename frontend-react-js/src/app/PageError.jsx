import { useEffect } from 'react';
import { Link, useRouteError } from 'react-router';
import { paths } from '../config/paths';

// What browsers say when the code of a page (a lazy chunk) cannot be fetched: offline, or a deploy replaced it.
const CHUNK_FAILURE = /dynamically imported module|Importing a module script failed|error loading dynamically imported module/i;

export const isPageCodeFailure = (error) => CHUNK_FAILURE.test(error?.message ?? '');

/**
 * A page that failed to render, inside the app's frame (it is each page route's errorElement). A page whose
 * code could not be fetched is loaded again: by itself once the browser is back online, else with the button.
 */
export function PageError() {
  const error = useRouteError();
  const codeFailed = isPageCodeFailure(error);

  useEffect(() => {
    if (!codeFailed || navigator.onLine) return undefined;
    const reload = () => window.location.reload();
    window.addEventListener('online', reload, { once: true });
    return () => window.removeEventListener('online', reload);
  }, [codeFailed]);

  return (
    <div className="state state-error" role="alert">
      <p className="state-title">
        {codeFailed ? 'This page could not be loaded.' : 'Something went wrong on this page.'}
      </p>
      <p className="state-text">
        {codeFailed && !navigator.onLine
          ? "You're offline: it loads again by itself when you're back online."
          : 'Reload to try again, or go back Home.'}
      </p>
      <p className="state-text">
        <button type="button" className="button button-secondary" onClick={() => window.location.reload()}>
          Reload
        </button>{' '}
        <Link to={paths.home}>Home</Link>
      </p>
    </div>
  );
}
