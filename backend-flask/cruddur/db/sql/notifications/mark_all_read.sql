-- Marks all of someone's notifications read.
UPDATE notifications SET read_at = now() WHERE user_uuid = :user_uuid AND read_at IS NULL;
