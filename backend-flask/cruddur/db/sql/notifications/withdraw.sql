-- Takes back the notice of a like, repost or follow that was undone.
DELETE FROM notifications
WHERE actor_uuid = :actor_uuid AND type = :type AND user_uuid = :user_uuid
  AND activity_uuid IS NOT DISTINCT FROM :activity_uuid::uuid;
