-- Deletes one bounded batch of expired cruds (their replies, likes and reposts go by cascade).
-- = ANY(ARRAY(...)) hands the batch over as a list of keys, so each is deleted through the primary key
-- (an IN subquery is planned as a join that scans the whole table).
DELETE FROM activities
WHERE uuid = ANY(ARRAY(
  SELECT uuid FROM activities WHERE expires_at <= now() ORDER BY expires_at LIMIT :batch_size
));
