import { useCallback, useEffect, useRef, useState } from 'react';

const LOADING = { status: 'loading', items: [], firstPage: null, error: null, cursor: null };

/**
 * A cursor-paginated list ({items, next_cursor}). `fetchPage(cursor)` returns the page body; the first
 * page's body is kept as `firstPage` for the extra fields some endpoints add (profile, activity...).
 * The list reloads when `key` changes.
 */
export function useCursorList(fetchPage, key) {
  const [reloads, setReloads] = useState(0);
  const requestKey = `${key}#${reloads}`;
  const [state, setState] = useState({ requestKey: null, ...LOADING });
  const [loadingMore, setLoadingMore] = useState(false);
  const [loadMoreError, setLoadMoreError] = useState(null);
  const fetchPageRef = useRef(fetchPage);

  useEffect(() => {
    fetchPageRef.current = fetchPage;
  });

  useEffect(() => {
    let cancelled = false;
    fetchPageRef.current(null).then(
      (page) => {
        if (cancelled) return;
        setState({ requestKey, status: 'ready', items: page.items || [], firstPage: page, error: null, cursor: page.next_cursor });
      },
      (error) => {
        if (!cancelled) setState({ requestKey, status: 'error', items: [], firstPage: null, error, cursor: null });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [requestKey]);

  // Until the page for the current key arrives, whatever is in state belongs to the previous key.
  const current = state.requestKey === requestKey ? state : LOADING;

  const loadMore = useCallback(async () => {
    if (!state.cursor || loadingMore) return;
    setLoadingMore(true);
    setLoadMoreError(null);
    try {
      const page = await fetchPageRef.current(state.cursor);
      setState((previous) => {
        const known = new Set(previous.items.map((item) => item.uuid));
        const fresh = (page.items || []).filter((item) => !known.has(item.uuid));
        return { ...previous, items: [...previous.items, ...fresh], cursor: page.next_cursor };
      });
    } catch (error) {
      setLoadMoreError(error);
    } finally {
      setLoadingMore(false);
    }
  }, [state.cursor, loadingMore]);

  const prepend = useCallback(
    (item) => setState((previous) => ({ ...previous, items: [item, ...previous.items.filter((i) => i.uuid !== item.uuid)] })),
    [],
  );
  const append = useCallback(
    (item) => setState((previous) => ({ ...previous, items: [...previous.items.filter((i) => i.uuid !== item.uuid), item] })),
    [],
  );
  const remove = useCallback(
    (uuid) => setState((previous) => ({ ...previous, items: previous.items.filter((item) => item.uuid !== uuid) })),
    [],
  );
  const replace = useCallback(
    (updated) =>
      setState((previous) => ({
        ...previous,
        items: previous.items.map((item) => (item.uuid === updated.uuid ? { ...item, ...updated } : item)),
      })),
    [],
  );
  const setItems = useCallback((update) => setState((previous) => ({ ...previous, items: update(previous.items) })), []);
  const setFirstPage = useCallback((update) => setState((previous) => ({ ...previous, firstPage: update(previous.firstPage) })), []);

  return {
    ...current,
    hasMore: Boolean(current.cursor),
    loadingMore,
    loadMoreError,
    loadMore,
    reload: () => setReloads((count) => count + 1),
    prepend,
    append,
    remove,
    replace,
    setItems,
    setFirstPage,
  };
}
