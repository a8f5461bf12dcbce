-- One of someone's notifications, as notifications/for_user gives each; nothing when it is about an
-- expired crud or is not theirs.
SELECT n.uuid, n.type, n.created_at, n.read_at IS NOT NULL AS read, n.activity_uuid,
       actor.uuid AS actor_uuid, actor.handle AS actor_handle, actor.display_name AS actor_display_name,
       actor.avatar_key AS actor_avatar_key
FROM notifications n
JOIN users actor ON actor.uuid = n.actor_uuid
LEFT JOIN activities a ON a.uuid = n.activity_uuid
WHERE n.uuid = :uuid AND n.user_uuid = :user_uuid AND (n.activity_uuid IS NULL OR a.expires_at > now());
