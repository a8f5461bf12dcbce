-- Deletes an author's crud (its replies go by cascade) and takes it off its parent's count.
WITH deleted AS (
  DELETE FROM activities WHERE uuid = :uuid AND user_uuid = :user_uuid
  RETURNING reply_to_activity_uuid
)
UPDATE activities SET replies_count = replies_count - 1
FROM deleted
WHERE activities.uuid = deleted.reply_to_activity_uuid;
