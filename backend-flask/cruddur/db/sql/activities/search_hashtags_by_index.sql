-- As search_hashtags, but every match is found through the hashtag index before the page is cut: the read
-- for hashtags that are rarely used together, however common each one is.
-- Planned on each call: how many cruds match decides between the index and a scan.
WITH matches AS MATERIALIZED (
  SELECT a.uuid, a.created_at FROM activities a
  WHERE a.hashtags @> :hashtags::text[] AND a.expires_at > now()
), page AS (
  SELECT uuid, created_at FROM matches
  WHERE (0::real, created_at, uuid) < (:before_rank::real, :before_created_at::timestamptz, :before_uuid::uuid)
  ORDER BY created_at DESC, uuid DESC
  LIMIT :limit
)
SELECT c.*, 0::real AS rank
FROM page
JOIN live_cruds c ON c.uuid = page.uuid
ORDER BY c.created_at DESC, c.uuid DESC;
