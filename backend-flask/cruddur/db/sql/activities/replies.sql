-- A crud's live replies, oldest first, one page after the cursor.
SELECT * FROM live_cruds
WHERE reply_to_activity_uuid = :activity_uuid
  AND (created_at, uuid) > (:after_created_at::timestamptz, :after_uuid::uuid)
ORDER BY created_at, uuid
LIMIT :limit;
