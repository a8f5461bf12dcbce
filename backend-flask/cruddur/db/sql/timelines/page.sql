-- A page of the viewer's home from timeline entries (timelines/store.py): the candidates from Redis (newest
-- first; times in microseconds since the epoch; arrays as text, which costs the API less to send than typed
-- arrays) and the appearances the timeline does not hold — cruds and reposts of followed people with more than
-- very_followed_threshold() followers, who are not fanned out — both only above :complete_above, where the timeline is
-- known to be complete. They are kept while they still belong there (the crud lives; it is the viewer's or a
-- followed person's, or a followed person's repost that still stands), each crud once at its newest
-- appearance, then looked up as following_feed.sql answers them. Every check is a primary-key probe.
WITH from_timeline AS (
  SELECT candidate.activity_uuid, 'epoch'::timestamptz + candidate.feed_us * interval '1 microsecond' AS feed_at,
         candidate.reposter_uuid
  FROM unnest(:activity_uuids::uuid[], :feed_us::bigint[], :reposter_uuids::uuid[])
    AS candidate(activity_uuid, feed_us, reposter_uuid)
), popular AS (
  -- The few people over the threshold come from users_followers_idx, each checked against the follows.
  SELECT u.uuid FROM users u
  WHERE u.followers_count > very_followed_threshold()
    AND EXISTS (SELECT 1 FROM follows f WHERE f.follower_uuid = :viewer_uuid AND f.followed_uuid = u.uuid)
), from_popular AS (
  SELECT posted.uuid AS activity_uuid, posted.created_at AS feed_at, NULL::uuid AS reposter_uuid
  FROM popular CROSS JOIN LATERAL (
    SELECT a.uuid, a.created_at FROM activities a
    WHERE a.user_uuid = popular.uuid AND a.reply_to_activity_uuid IS NULL AND a.expires_at > now()
      AND (a.created_at, a.uuid) < (:before_created_at::timestamptz, :before_uuid::uuid)
      AND a.created_at > :complete_above::timestamptz
    ORDER BY a.created_at DESC, a.uuid DESC
    LIMIT :limit
  ) AS posted
  UNION ALL
  SELECT shared.activity_uuid, shared.created_at, popular.uuid
  FROM popular CROSS JOIN LATERAL (
    SELECT r.activity_uuid, r.created_at FROM reposts r
    WHERE r.user_uuid = popular.uuid
      AND (r.created_at, r.activity_uuid) < (:before_created_at::timestamptz, :before_uuid::uuid)
      AND r.created_at > :complete_above::timestamptz
    ORDER BY r.created_at DESC, r.activity_uuid DESC
    LIMIT :limit
  ) AS shared
), checked AS MATERIALIZED (
  -- Scalar subqueries with LIMIT stay probes per candidate (a join or EXISTS may be planned as a hash over the
  -- whole table, since the planner cannot know how few candidates there are).
  SELECT candidate.*,
         (SELECT a.user_uuid FROM activities a
          WHERE a.uuid = candidate.activity_uuid AND a.expires_at > now()) AS author_uuid
  FROM (SELECT * FROM from_timeline UNION ALL SELECT * FROM from_popular) AS candidate
), still_valid AS (
  SELECT checked.activity_uuid, checked.feed_at, checked.reposter_uuid FROM checked
  WHERE checked.author_uuid IS NOT NULL AND CASE WHEN checked.reposter_uuid IS NULL THEN
      checked.author_uuid = :viewer_uuid
      OR coalesce((SELECT true FROM follows f
                   WHERE f.follower_uuid = :viewer_uuid AND f.followed_uuid = checked.author_uuid LIMIT 1), false)
    ELSE
      (checked.reposter_uuid = :viewer_uuid
        OR coalesce((SELECT true FROM follows f
                     WHERE f.follower_uuid = :viewer_uuid AND f.followed_uuid = checked.reposter_uuid LIMIT 1), false))
      AND coalesce((SELECT true FROM reposts r
                    WHERE r.user_uuid = checked.reposter_uuid AND r.activity_uuid = checked.activity_uuid
                      AND r.created_at = checked.feed_at LIMIT 1), false)
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
