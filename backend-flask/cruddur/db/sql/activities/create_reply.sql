-- A reply to a live crud: it expires with its parent, and the parent's count goes up in the same
-- statement (the row lock orders concurrent replies). No row back means no live parent. :hashtags as
-- cruddur_shared.text finds them.
WITH parent AS (
  UPDATE activities SET replies_count = replies_count + 1
  WHERE uuid = :parent_uuid AND expires_at > now()
  RETURNING uuid, user_uuid, expires_at
)
INSERT INTO activities (user_uuid, message, hashtags, reply_to_activity_uuid, created_at, expires_at)
SELECT :user_uuid, :message, :hashtags::text[], parent.uuid, now(), parent.expires_at
FROM parent
RETURNING uuid, (SELECT user_uuid FROM parent) AS parent_author_uuid;
