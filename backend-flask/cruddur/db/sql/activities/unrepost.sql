-- The viewer takes back a repost; the count moves only when there was one.
WITH unreposted AS (
  DELETE FROM reposts WHERE user_uuid = :user_uuid AND activity_uuid = :uuid
  RETURNING activity_uuid
)
UPDATE activities SET reposts_count = reposts_count - 1
FROM unreposted
WHERE activities.uuid = unreposted.activity_uuid;
