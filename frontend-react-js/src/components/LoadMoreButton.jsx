import { useEffect, useRef } from 'react';

// The next page is asked for while the end of the list is still this far below the screen.
const AHEAD = '600px';

/**
 * "Load more" for a useInfiniteList list. With `loadOnScroll` the next page also comes by itself when the
 * end of the list nears the screen (IntersectionObserver); the button stays, for keyboards and for browsers
 * without it. After a failed page it waits for the button rather than asking again and again.
 */
export function LoadMoreButton({ list, label = 'Load more', loadOnScroll = false }) {
  const sentinel = useRef(null);
  const { hasMore, loadingMore, loadMoreError, loadMore } = list;
  const canAutoLoad = loadOnScroll && hasMore && !loadingMore && !loadMoreError;
  const loadMoreRef = useRef(loadMore);
  useEffect(() => {
    loadMoreRef.current = loadMore;
  });

  useEffect(() => {
    const target = sentinel.current;
    if (!canAutoLoad || !target || typeof IntersectionObserver === 'undefined') return undefined;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) loadMoreRef.current();
      },
      { rootMargin: `0px 0px ${AHEAD} 0px` },
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [canAutoLoad]);

  if (!hasMore) return null;
  return (
    <div className="load-more" ref={sentinel}>
      <button type="button" className="button button-secondary" onClick={loadMore} disabled={loadingMore}>
        {loadingMore ? 'Loading…' : label}
      </button>
      {loadMoreError && (
        <p className="field-error" role="alert">
          {loadMoreError.message}
        </p>
      )}
    </div>
  );
}
