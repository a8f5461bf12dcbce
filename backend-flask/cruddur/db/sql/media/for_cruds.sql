-- The photos of a page of cruds, each crud's in order: one read a page, through media_activity_idx.
SELECT uuid, activity_uuid, position, status, reason, alt, width, height, full_key, preview_key
FROM media
WHERE activity_uuid = ANY(:activity_uuids::uuid[])
ORDER BY activity_uuid, position;
