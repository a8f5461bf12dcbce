-- Live cruds matching the words (full text) and carrying every one of :hashtags: the newest :window
-- matches, best match first, one page after the cursor (rank, created_at, uuid). Older matches are not
-- ranked, so a common word costs no more than a rare one.
-- Planned on each call: a common word is found fastest newest first, a rare one through its index.
WITH newest_matches AS (
  SELECT a.uuid, a.created_at, a.search_vector, query
  FROM activities a, websearch_to_tsquery('english', :words) AS query
  WHERE a.search_vector @@ query AND a.hashtags @> :hashtags::text[] AND a.expires_at > now()
  ORDER BY a.created_at DESC
  LIMIT :window
), ranked AS (
  SELECT uuid, created_at, ts_rank(search_vector, query) AS rank FROM newest_matches
), page AS (
  SELECT uuid, rank FROM ranked
  WHERE (rank, created_at, uuid) < (:before_rank::real, :before_created_at::timestamptz, :before_uuid::uuid)
  ORDER BY rank DESC, created_at DESC, uuid DESC
  LIMIT :limit
)
SELECT c.*, page.rank
FROM page
JOIN live_cruds c ON c.uuid = page.uuid
ORDER BY page.rank DESC, c.created_at DESC, c.uuid DESC;
