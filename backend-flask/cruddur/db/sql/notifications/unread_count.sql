-- How many of someone's notifications (about live cruds) are unread.
SELECT count(*) AS unread_count
FROM notifications n
LEFT JOIN activities a ON a.uuid = n.activity_uuid
WHERE n.user_uuid = :user_uuid AND n.read_at IS NULL AND (n.activity_uuid IS NULL OR a.expires_at > now());
