-- One person's live cruds and replies, newest first, one page after the cursor.
SELECT * FROM live_cruds
WHERE user_uuid = :user_uuid
  AND (created_at, uuid) < (:before_created_at::timestamptz, :before_uuid::uuid)
ORDER BY created_at DESC, uuid DESC
LIMIT :limit;
