-- The viewer's home: their own and followed people's live top-level cruds, and those people's reposts,
-- newest first, each crud once (its newest appearance). Every source is read newest first through its
-- index and cut at :limit rows before merging, so the cost does not grow with history.
WITH people AS (
  SELECT followed_uuid AS uuid FROM follows WHERE follower_uuid = :viewer_uuid
  UNION ALL
  SELECT :viewer_uuid::uuid
), entries AS (
  SELECT posted.uuid AS activity_uuid, posted.created_at AS feed_at, NULL::uuid AS reposter_uuid
  FROM people CROSS JOIN LATERAL (
    SELECT a.uuid, a.created_at FROM activities a
    WHERE a.user_uuid = people.uuid AND a.reply_to_activity_uuid IS NULL AND a.expires_at > now()
      AND (a.created_at, a.uuid) < (:before_created_at::timestamptz, :before_uuid::uuid)
    ORDER BY a.created_at DESC, a.uuid DESC
    LIMIT :limit
  ) AS posted
  UNION ALL
  SELECT shared.activity_uuid, shared.created_at, people.uuid
  FROM people CROSS JOIN LATERAL (
    SELECT r.activity_uuid, r.created_at FROM reposts r
    JOIN activities reposted ON reposted.uuid = r.activity_uuid AND reposted.expires_at > now()
    WHERE r.user_uuid = people.uuid
      AND (r.created_at, r.activity_uuid) < (:before_created_at::timestamptz, :before_uuid::uuid)
    ORDER BY r.created_at DESC, r.activity_uuid DESC
    LIMIT :limit
  ) AS shared
), newest_appearance AS (
  SELECT DISTINCT ON (activity_uuid) * FROM entries ORDER BY activity_uuid, feed_at DESC
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
