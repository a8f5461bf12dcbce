-- The viewer takes back a like; the count moves only when there was one.
WITH unliked AS (
  DELETE FROM likes WHERE user_uuid = :user_uuid AND activity_uuid = :uuid
  RETURNING activity_uuid
)
UPDATE activities SET likes_count = likes_count - 1
FROM unliked
WHERE activities.uuid = unliked.activity_uuid;
