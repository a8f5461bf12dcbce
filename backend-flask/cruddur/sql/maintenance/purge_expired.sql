-- Deletes one bounded batch of expired cruds (their replies, likes and reposts go by cascade).
DELETE FROM activities
WHERE uuid IN (
  SELECT uuid FROM activities WHERE expires_at <= now() ORDER BY expires_at LIMIT :batch_size
);
