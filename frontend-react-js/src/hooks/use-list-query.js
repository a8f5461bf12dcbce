import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';

/** 'loading' until the first answer, 'error' when there is nothing to show, else 'ready' (stale data included). */
function listStatus(query) {
  if (query.data !== undefined) return 'ready';
  return query.status === 'error' ? 'error' : 'loading';
}

// A crud can land on two pages when new ones arrive between the two requests; show it once.
function withoutRepeats(items) {
  const seen = new Set();
  return items.filter((item) => {
    if (item.uuid == null) return true;
    if (seen.has(item.uuid)) return false;
    seen.add(item.uuid);
    return true;
  });
}

/**
 * A cursor-paginated list ({items, next_cursor}) through TanStack Query's useInfiniteQuery.
 * `fetchPage(cursor)` answers one page; the first page's body is `firstPage` for the extra fields some
 * endpoints add (profile, activity, unread_count). Answers the shape ListStates, LoadMoreButton and the lists use.
 */
export function useInfiniteList({ queryKey, fetchPage, enabled = true, ...options }) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: null,
    getNextPageParam: (lastPage) => lastPage?.next_cursor || undefined,
    enabled,
    ...options,
  });
  const { data, fetchNextPage, hasNextPage, isFetchingNextPage, isFetchNextPageError, error, refetch } = query;
  const items = useMemo(() => withoutRepeats(data?.pages.flatMap((page) => page.items || []) ?? []), [data]);
  return {
    status: listStatus(query),
    items,
    firstPage: data?.pages[0] ?? null,
    error,
    hasMore: Boolean(hasNextPage),
    loadingMore: isFetchingNextPage,
    loadMoreError: isFetchNextPageError ? error : null,
    // One request at a time: a second call while a page is on its way is dropped, not queued.
    loadMore: () => (hasNextPage && !isFetchingNextPage ? fetchNextPage({ cancelRefetch: false }) : undefined),
    reload: () => refetch(),
  };
}

/** A list that comes in one answer ({items}), such as trends or suggestions, in the same shape. */
export function useList({ queryKey, fetchList, enabled = true, ...options }) {
  const query = useQuery({ queryKey, queryFn: fetchList, enabled, ...options });
  return {
    status: listStatus(query),
    items: query.data?.items ?? [],
    error: query.error,
    hasMore: false,
    reload: () => query.refetch(),
  };
}
