-- Live cruds carrying every one of :hashtags, newest first, one page after the cursor. They are rank 0, so a
-- cursor of another rank is before every one of them (above 0) or after (below 0). The page is read period by
-- period through the search index (newest_search_matches, migration 0018), wherever in time it is.
WITH start AS (
  SELECT CASE WHEN :before_rank::real > 0 THEN 'infinity' ELSE :before_created_at::timestamptz END AS created_at,
         CASE WHEN :before_rank::real > 0 THEN 'ffffffff-ffff-ffff-ffff-ffffffffffff'
              ELSE :before_uuid::uuid END AS uuid
  WHERE :before_rank::real >= 0
)
SELECT c.*, 0::real AS rank
FROM start
CROSS JOIN LATERAL newest_search_matches(NULL, :hashtags::text[], start.created_at, start.uuid, :limit) AS m
JOIN live_cruds c ON c.uuid = m.uuid
ORDER BY c.created_at DESC, c.uuid DESC;
