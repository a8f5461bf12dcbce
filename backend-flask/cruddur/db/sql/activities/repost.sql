-- The viewer reposts a live crud; the count moves only when the repost is new.
WITH reposted AS (
  INSERT INTO reposts (user_uuid, activity_uuid)
  SELECT :user_uuid, uuid FROM activities WHERE uuid = :uuid AND expires_at > now()
  ON CONFLICT DO NOTHING
  RETURNING activity_uuid
)
UPDATE activities SET reposts_count = reposts_count + 1
FROM reposted
WHERE activities.uuid = reposted.activity_uuid;
