-- As search_words, but every match is found through the full-text index before the newest :window are
-- ranked: the read for words that are rarely found together, however common each one is.
-- Planned on each call: how many cruds match decides between the index and a scan.
WITH matches AS MATERIALIZED (
  SELECT a.uuid, a.created_at, a.search_vector, query
  FROM activities a, websearch_to_tsquery('english', :words) AS query
  WHERE a.search_vector @@ query AND a.hashtags @> :hashtags::text[] AND a.expires_at > now()
), newest_matches AS (
  SELECT * FROM matches ORDER BY created_at DESC LIMIT :window
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
