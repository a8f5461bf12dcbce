-- How many of someone's notifications (about live cruds) are unread, and how many of those are about messages
-- (one per person with unread messages: notifications_unread_message_idx keeps it so).
SELECT count(*) AS unread_count, count(*) FILTER (WHERE n.type = 'message') AS unread_messages_count
FROM notifications n
LEFT JOIN activities a ON a.uuid = n.activity_uuid
WHERE n.user_uuid = :user_uuid AND n.read_at IS NULL AND (n.activity_uuid IS NULL OR a.expires_at > now());
