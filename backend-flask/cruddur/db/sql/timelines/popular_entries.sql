-- The appearances a home timeline does not hold (timelines/fanout.py does not fan out for people with more
-- than :max_followers): the newest :limit cruds and reposts before the cursor of such people the viewer
-- follows. The few people over the threshold are found through users_followers_idx, each checked against
-- the viewer's follows by primary key.
WITH popular AS (
  SELECT u.uuid FROM users u
  WHERE u.followers_count > :max_followers
    AND EXISTS (SELECT 1 FROM follows f WHERE f.follower_uuid = :viewer_uuid AND f.followed_uuid = u.uuid)
)
SELECT posted.uuid AS activity_uuid, posted.created_at AS feed_at, NULL::uuid AS reposter_uuid
FROM popular CROSS JOIN LATERAL (
  SELECT a.uuid, a.created_at FROM activities a
  WHERE a.user_uuid = popular.uuid AND a.reply_to_activity_uuid IS NULL AND a.expires_at > now()
    AND (a.created_at, a.uuid) < (:before_created_at::timestamptz, :before_uuid::uuid)
  ORDER BY a.created_at DESC, a.uuid DESC
  LIMIT :limit
) AS posted
UNION ALL
SELECT shared.activity_uuid, shared.created_at, popular.uuid
FROM popular CROSS JOIN LATERAL (
  SELECT r.activity_uuid, r.created_at FROM reposts r
  WHERE r.user_uuid = popular.uuid
    AND (r.created_at, r.activity_uuid) < (:before_created_at::timestamptz, :before_uuid::uuid)
  ORDER BY r.created_at DESC, r.activity_uuid DESC
  LIMIT :limit
) AS shared;
