-- Up to :batch_size avatar uploads older than a day: their outcome was asked for long ago.
DELETE FROM avatar_uploads
WHERE upload_id IN (
  SELECT upload_id FROM avatar_uploads WHERE created_at < now() - interval '1 day' LIMIT :batch_size
);
