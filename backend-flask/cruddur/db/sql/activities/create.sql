-- A new top-level crud that lives for :ttl_seconds, with its hashtags (as cruddur_shared.text finds them); answers
-- it as a feed shows it to its author, so posting needs no second read.
WITH created AS (
  INSERT INTO activities (user_uuid, message, hashtags, expires_at)
  VALUES (:user_uuid, :message, :hashtags::text[], now() + make_interval(secs => :ttl_seconds))
  RETURNING uuid, user_uuid, message, reply_to_activity_uuid, replies_count, likes_count, reposts_count,
            created_at, expires_at
)
SELECT created.*, author.handle, author.display_name, author.avatar_key, false AS liked, false AS reposted
FROM created
JOIN users author ON author.uuid = created.user_uuid;
