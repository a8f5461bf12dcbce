-- A page of the viewer's home from timeline entries (timelines/store.py): the candidates, newest first, are
-- kept only while they still belong there (the crud lives; it is the viewer's or a followed person's, or a
-- followed person's repost that still stands), each crud once at its newest appearance, then looked up as
-- following_feed.sql answers them. Every check is a primary-key probe, at most :limit + a few candidates.
WITH candidates AS (
  SELECT * FROM unnest(:activity_uuids::uuid[], :feed_ats::timestamptz[], :reposter_uuids::uuid[])
    AS candidate(activity_uuid, feed_at, reposter_uuid)
), still_valid AS (
  SELECT candidate.* FROM candidates candidate
  JOIN activities a ON a.uuid = candidate.activity_uuid AND a.expires_at > now()
  WHERE CASE WHEN candidate.reposter_uuid IS NULL THEN
      a.user_uuid = :viewer_uuid
      OR EXISTS (SELECT 1 FROM follows f WHERE f.follower_uuid = :viewer_uuid AND f.followed_uuid = a.user_uuid)
    ELSE
      (candidate.reposter_uuid = :viewer_uuid
        OR EXISTS (SELECT 1 FROM follows f
                   WHERE f.follower_uuid = :viewer_uuid AND f.followed_uuid = candidate.reposter_uuid))
      AND EXISTS (SELECT 1 FROM reposts r
                  WHERE r.user_uuid = candidate.reposter_uuid AND r.activity_uuid = candidate.activity_uuid
                    AND r.created_at = candidate.feed_at)
    END
), newest_appearance AS (
  SELECT DISTINCT ON (activity_uuid) * FROM still_valid ORDER BY activity_uuid, feed_at DESC
), page AS (
  SELECT * FROM newest_appearance ORDER BY feed_at DESC, activity_uuid DESC LIMIT :limit
)
SELECT c.*, page.feed_at, page.reposter_uuid,
       reposter.handle AS reposter_handle, reposter.display_name AS reposter_display_name,
       marks.liked, marks.reposted
FROM page
JOIN live_cruds c ON c.uuid = page.activity_uuid
LEFT JOIN users reposter ON reposter.uuid = page.reposter_uuid
CROSS JOIN LATERAL viewer_marks(:viewer_uuid, c.uuid) AS marks
ORDER BY page.feed_at DESC, page.activity_uuid DESC;
