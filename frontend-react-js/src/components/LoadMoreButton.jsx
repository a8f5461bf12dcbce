export function LoadMoreButton({ list, label = 'Load more' }) {
  if (!list.hasMore) return null;
  return (
    <div className="load-more">
      <button type="button" className="button button-secondary" onClick={list.loadMore} disabled={list.loadingMore}>
        {list.loadingMore ? 'Loading…' : label}
      </button>
      {list.loadMoreError && (
        <p className="field-error" role="alert">
          {list.loadMoreError.message}
        </p>
      )}
    </div>
  );
}
