-- The photos a new crud names, locked until it is posted, so no two cruds take the same photo.
SELECT uuid, user_uuid, posted_at, status, full_key, preview_key, created_at > now() - interval '1 day' AS recent
FROM media
WHERE uuid = ANY(:uuids::uuid[])
FOR UPDATE;
