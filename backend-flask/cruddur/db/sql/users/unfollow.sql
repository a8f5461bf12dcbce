-- The viewer stops following someone; both counters move only when there was a follow.
WITH unfollowed AS (
  DELETE FROM follows WHERE follower_uuid = :follower_uuid AND followed_uuid = :followed_uuid
  RETURNING follower_uuid, followed_uuid
)
UPDATE users SET
  followers_count = followers_count - (users.uuid = unfollowed.followed_uuid)::int,
  following_count = following_count - (users.uuid = unfollowed.follower_uuid)::int
FROM unfollowed
WHERE users.uuid IN (unfollowed.follower_uuid, unfollowed.followed_uuid);
