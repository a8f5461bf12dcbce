-- Live cruds carrying every one of :hashtags, newest first, one page after the cursor.
-- Planned on each call: a common hashtag is found fastest newest first, a rare one through its index.
SELECT c.*, 0::real AS rank
FROM activities a
JOIN live_cruds c ON c.uuid = a.uuid
WHERE a.hashtags @> :hashtags::text[] AND a.expires_at > now()
  AND (0::real, c.created_at, c.uuid) < (:before_rank::real, :before_created_at::timestamptz, :before_uuid::uuid)
ORDER BY c.created_at DESC, c.uuid DESC
LIMIT :limit;
