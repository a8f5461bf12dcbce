-- Up to :batch_size photos uploaded over a day ago and never posted: their files are to go.
SELECT uuid, original_key, full_key, preview_key
FROM media
WHERE posted_at IS NULL AND created_at < now() - interval '1 day'
ORDER BY created_at
LIMIT :batch_size;
