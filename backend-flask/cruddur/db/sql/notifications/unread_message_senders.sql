-- Which of :actor_uuids (the other members of one page of conversations) sent :user_uuid messages not yet read.
SELECT actor_uuid
FROM notifications
WHERE user_uuid = :user_uuid AND type = 'message' AND read_at IS NULL AND actor_uuid = ANY(:actor_uuids::uuid[]);
