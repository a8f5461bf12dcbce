-- Everyone's live top-level cruds, newest first, one page after the cursor.
SELECT * FROM live_cruds
WHERE reply_to_activity_uuid IS NULL
  AND (created_at, uuid) < (:before_created_at::timestamptz, :before_uuid::uuid)
ORDER BY created_at DESC, uuid DESC
LIMIT :limit;
