-- One author, four expired cruds (one with a reply) and one live crud with a reply.
WITH author AS (
  INSERT INTO users (cognito_user_id, handle, email, display_name)
  VALUES ('purge-author', 'purge_author', 'purge@example.com', 'Purge Author')
  RETURNING uuid
), expired AS (
  INSERT INTO activities (user_uuid, message, created_at, expires_at)
  SELECT author.uuid, 'expired ' || n, now() - interval '2 days', now() - n * interval '1 minute'
  FROM author, generate_series(1, 4) AS n
  RETURNING uuid, user_uuid, created_at, expires_at
), live AS (
  INSERT INTO activities (user_uuid, message, expires_at)
  SELECT author.uuid, 'live', now() + interval '1 day' FROM author
  RETURNING uuid, user_uuid, expires_at
)
INSERT INTO activities (user_uuid, message, reply_to_activity_uuid, created_at, expires_at)
SELECT user_uuid, 'expired reply', uuid, created_at + interval '1 minute', expires_at
FROM (SELECT * FROM expired ORDER BY expires_at LIMIT 1) AS first_expired
UNION ALL
SELECT user_uuid, 'live reply', uuid, now(), expires_at FROM live;
