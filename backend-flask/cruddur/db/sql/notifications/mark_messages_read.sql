-- Marks read the notice of :actor_uuid's messages to :user_uuid (their conversation was read).
UPDATE notifications SET read_at = now()
WHERE user_uuid = :user_uuid AND actor_uuid = :actor_uuid AND type = 'message' AND read_at IS NULL;
