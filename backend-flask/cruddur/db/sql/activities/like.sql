-- The viewer likes a live crud; the count moves only when the like is new, so repeats change nothing.
WITH liked AS (
  INSERT INTO likes (user_uuid, activity_uuid)
  SELECT :user_uuid, uuid FROM activities WHERE uuid = :uuid AND expires_at > now()
  ON CONFLICT DO NOTHING
  RETURNING activity_uuid
)
UPDATE activities SET likes_count = likes_count + 1
FROM liked
WHERE activities.uuid = liked.activity_uuid;
