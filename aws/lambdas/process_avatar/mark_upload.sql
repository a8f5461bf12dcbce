-- What became of an avatar upload (ready, or failed and why), for GET /api/avatars/{upload_id}. Nothing
-- changes when the row is gone (over a day old, or its person deleted).
UPDATE avatar_uploads SET status = %(status)s, reason = %(reason)s WHERE upload_id = %(upload_id)s;
