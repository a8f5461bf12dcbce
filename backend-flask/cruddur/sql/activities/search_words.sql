-- Live cruds matching the words (full text) and carrying every one of :hashtags, best match first,
-- one page after the cursor (rank, created_at, uuid).
WITH matches AS (
  SELECT a.uuid, ts_rank(a.search_vector, query) AS rank
  FROM activities a, websearch_to_tsquery('english', :words) AS query
  WHERE a.search_vector @@ query AND a.hashtags @> :hashtags::text[] AND a.expires_at > now()
)
SELECT c.*, m.rank
FROM matches m
JOIN live_cruds c ON c.uuid = m.uuid
WHERE (m.rank, c.created_at, c.uuid) < (:before_rank::real, :before_created_at::timestamptz, :before_uuid::uuid)
ORDER BY m.rank DESC, c.created_at DESC, c.uuid DESC
LIMIT :limit;
