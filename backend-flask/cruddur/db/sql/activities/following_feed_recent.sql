-- The viewer's home (as following_feed) read from only the newest :window cruds and :window reposts of
-- everyone after the cursor, keeping those of the viewer and the people they follow. An entry older than
-- the end of a full window may be missing, so only entries newer than both ends come back: when that is
-- more than a page, it is the exact page; when not, the caller reads person by person (following_feed).
WITH people AS (
  SELECT followed_uuid AS uuid FROM follows WHERE follower_uuid = :viewer_uuid
  UNION ALL
  SELECT :viewer_uuid::uuid
), recent_posts AS (
  SELECT a.uuid, a.user_uuid, a.created_at, a.expires_at FROM activities a
  WHERE a.reply_to_activity_uuid IS NULL
    AND (a.created_at, a.uuid) < (:before_created_at::timestamptz, :before_uuid::uuid)
  ORDER BY a.created_at DESC, a.uuid DESC
  LIMIT :window
), recent_reposts AS (
  SELECT r.activity_uuid, r.user_uuid, r.created_at FROM reposts r
  WHERE (r.created_at, r.activity_uuid) < (:before_created_at::timestamptz, :before_uuid::uuid)
  ORDER BY r.created_at DESC, r.activity_uuid DESC
  LIMIT :window
), complete_after AS (
  SELECT greatest(
    (SELECT CASE WHEN count(*) < :window THEN '-infinity'::timestamptz ELSE min(created_at) END FROM recent_posts),
    (SELECT CASE WHEN count(*) < :window THEN '-infinity'::timestamptz ELSE min(created_at) END FROM recent_reposts)
  ) AS since
), entries AS (
  SELECT p.uuid AS activity_uuid, p.created_at AS feed_at, NULL::uuid AS reposter_uuid
  FROM recent_posts p
  WHERE p.user_uuid IN (SELECT uuid FROM people) AND p.expires_at > now()
  UNION ALL
  SELECT r.activity_uuid, r.created_at, r.user_uuid
  FROM recent_reposts r
  JOIN activities shared ON shared.uuid = r.activity_uuid AND shared.expires_at > now()
  WHERE r.user_uuid IN (SELECT uuid FROM people)
), newest_appearance AS (
  SELECT DISTINCT ON (activity_uuid) * FROM entries
  WHERE feed_at > (SELECT since FROM complete_after)
  ORDER BY activity_uuid, feed_at DESC
), page AS (
  -- Every entry is live, so the page is cut before cruds and authors are looked up.
  SELECT * FROM newest_appearance ORDER BY feed_at DESC, activity_uuid DESC LIMIT :limit
)
-- The viewer's liked/reposted marks come with the page (viewer_marks, as viewer_state.sql gives them
-- elsewhere): one statement less on the busiest signed-in read.
SELECT c.*, page.feed_at, page.reposter_uuid,
       reposter.handle AS reposter_handle, reposter.display_name AS reposter_display_name,
       marks.liked, marks.reposted
FROM page
JOIN live_cruds c ON c.uuid = page.activity_uuid
LEFT JOIN users reposter ON reposter.uuid = page.reposter_uuid
CROSS JOIN LATERAL viewer_marks(:viewer_uuid, c.uuid) AS marks
ORDER BY page.feed_at DESC, page.activity_uuid DESC;
