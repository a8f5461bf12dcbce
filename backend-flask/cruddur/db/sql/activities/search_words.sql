-- Live cruds matching the words (full text) and carrying every one of :hashtags: the newest :window
-- matches, best match first, one page after the cursor (rank, created_at, uuid). Older matches are not
-- ranked, so a common word costs no more than a rare one. The newest matches are read period by period
-- through the search index (newest_search_matches, migration 0018), wherever in time they are.
WITH newest_matches AS (
  SELECT m.uuid, m.created_at, ts_rank(m.search_vector, query) AS rank
  FROM websearch_to_tsquery('english', :words) AS query,
       newest_search_matches(query, :hashtags::text[], 'infinity', 'ffffffff-ffff-ffff-ffff-ffffffffffff',
                             :window) AS m
), page AS (
  SELECT uuid, rank FROM newest_matches
  WHERE (rank, created_at, uuid) < (:before_rank::real, :before_created_at::timestamptz, :before_uuid::uuid)
  ORDER BY rank DESC, created_at DESC, uuid DESC
  LIMIT :limit
)
SELECT c.*, page.rank
FROM page
JOIN live_cruds c ON c.uuid = page.uuid
ORDER BY page.rank DESC, c.created_at DESC, c.uuid DESC;
