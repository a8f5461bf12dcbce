-- Up to :batch_size photos whose crud is gone (deleted, or purged once expired): their files are to go.
SELECT uuid, original_key, full_key, preview_key
FROM media
WHERE posted_at IS NOT NULL AND activity_uuid IS NULL
ORDER BY created_at
LIMIT :batch_size;
