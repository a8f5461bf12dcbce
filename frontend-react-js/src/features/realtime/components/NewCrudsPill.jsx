import { useQueryClient } from '@tanstack/react-query';
import { useLayoutEffect, useRef } from 'react';
import { prependActivity } from '../../activities/cache';
import { takePending, usePending } from '../pending';
import './NewCrudsPill.css';

// The cruds on screen, whichever list shows them (ActivityItem's root).
const CRUD_SELECTOR = 'article.activity';

/** The first crud whose bottom is below the top of the window: what the reader is looking at. */
function readingAnchor() {
  for (const element of document.querySelectorAll(CRUD_SELECTOR)) {
    const { top, bottom } = element.getBoundingClientRect();
    if (bottom > 0) return { element, top };
  }
  return null;
}

/**
 * "N new cruds" over a list (Home, a profile): the cruds the real-time stream brought for `pendingKey`,
 * held until the reader asks. Clicking puts them on top of the cached list `queryKey`; a reader scrolled down
 * keeps the crud they are reading where it is on the screen (the window scrolls by what was added above it). The count is a polite
 * live region, so it is announced without taking the focus. `shownItems` are the list's cruds (those already
 * shown, e.g. one's own just posted, are not counted). Its focus moves to the first new crud.
 */
export function NewCrudsPill({ pendingKey, queryKey, shownItems }) {
  const queryClient = useQueryClient();
  const pending = usePending(pendingKey);
  const shown = new Set(shownItems.map((item) => item.uuid));
  const fresh = pending.filter((crud) => !shown.has(crud.uuid));
  const anchor = useRef(null);

  // After the list is drawn with the new cruds on top: the anchor crud back where it was.
  // The pill is gone once they are in: its focus goes to the first new crud (without scrolling to it).
  useLayoutEffect(() => {
    if (!anchor.current) return;
    const { reading, hadFocus } = anchor.current;
    anchor.current = null;
    if (reading?.element.isConnected) {
      const moved = reading.element.getBoundingClientRect().top - reading.top;
      if (moved !== 0) window.scrollBy(0, moved);
    }
    if (hadFocus) document.querySelector(`${CRUD_SELECTOR} a[href]`)?.focus({ preventScroll: true });
  }, [shownItems]);

  const showThem = (event) => {
    const held = takePending(pendingKey);
    // At the top of the page they simply show on top; further down, what is being read stays put.
    const reading = window.scrollY > 0 ? readingAnchor() : null;
    anchor.current = { reading, hadFocus: document.activeElement === event.currentTarget };
    // Held newest first: put on top oldest first, so the newest ends up first.
    for (const crud of [...held].reverse()) prependActivity(queryClient, queryKey, crud);
  };

  const count = fresh.length;
  return (
    <div className="new-cruds" role="status">
      {count > 0 && (
        <button type="button" className="button button-primary new-cruds-button" onClick={showThem}>
          {count === 1 ? '1 new crud' : `${count} new cruds`}
        </button>
      )}
    </div>
  );
}
