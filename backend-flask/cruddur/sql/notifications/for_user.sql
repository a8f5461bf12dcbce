-- Someone's notifications newest first, one page after the cursor; those about an expired crud are gone.
SELECT n.uuid, n.type, n.created_at, n.read_at IS NOT NULL AS read, n.activity_uuid,
       actor.uuid AS actor_uuid, actor.handle AS actor_handle, actor.display_name AS actor_display_name,
       actor.avatar_key AS actor_avatar_key
FROM notifications n
JOIN users actor ON actor.uuid = n.actor_uuid
LEFT JOIN activities a ON a.uuid = n.activity_uuid
WHERE n.user_uuid = :user_uuid
  AND (n.activity_uuid IS NULL OR a.expires_at > now())
  AND (n.created_at, n.uuid) < (:before_created_at::timestamptz, :before_uuid::uuid)
ORDER BY n.created_at DESC, n.uuid DESC
LIMIT :limit;
