-- Someone's notifications newest first, one page after the cursor; those about an expired crud are gone.
-- The page is cut first and its actors looked up by key, not hashed from the whole users table.
WITH page AS (
  SELECT n.uuid, n.type, n.created_at, n.read_at, n.activity_uuid, n.actor_uuid
  FROM notifications n
  LEFT JOIN activities a ON a.uuid = n.activity_uuid
  WHERE n.user_uuid = :user_uuid
    AND (n.activity_uuid IS NULL OR a.expires_at > now())
    AND (n.created_at, n.uuid) < (:before_created_at::timestamptz, :before_uuid::uuid)
  ORDER BY n.created_at DESC, n.uuid DESC
  LIMIT :limit
)
SELECT page.uuid, page.type, page.created_at, page.read_at IS NOT NULL AS read, page.activity_uuid,
       actor.uuid AS actor_uuid, actor.handle AS actor_handle, actor.display_name AS actor_display_name,
       actor.avatar_key AS actor_avatar_key
FROM page
JOIN users actor ON actor.uuid = page.actor_uuid
ORDER BY page.created_at DESC, page.uuid DESC;
