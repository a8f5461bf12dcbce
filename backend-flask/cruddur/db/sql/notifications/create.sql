-- Tells :user_uuid what :actor_uuid did; nothing for one's own actions or a like, repost or follow
-- already told.
INSERT INTO notifications (user_uuid, actor_uuid, type, activity_uuid)
SELECT :user_uuid::uuid, :actor_uuid::uuid, :type::text, :activity_uuid::uuid
WHERE :user_uuid::uuid <> :actor_uuid::uuid
ON CONFLICT DO NOTHING;
