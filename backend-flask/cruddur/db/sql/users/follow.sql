-- The viewer follows someone; both counters move only when the follow is new.
WITH followed AS (
  INSERT INTO follows (follower_uuid, followed_uuid) VALUES (:follower_uuid, :followed_uuid)
  ON CONFLICT DO NOTHING
  RETURNING follower_uuid, followed_uuid
)
UPDATE users SET
  followers_count = followers_count + (users.uuid = followed.followed_uuid)::int,
  following_count = following_count + (users.uuid = followed.follower_uuid)::int
FROM followed
WHERE users.uuid IN (followed.follower_uuid, followed.followed_uuid);
