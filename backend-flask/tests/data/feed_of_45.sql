-- One author with 45 live cruds a minute apart: "crud 1" is the oldest, "crud 45" the newest.
WITH author AS (
  INSERT INTO users (cognito_user_id, handle, email, display_name)
  VALUES ('feed-author', 'feed_author', 'feed@example.com', 'Feed Author')
  RETURNING uuid
)
INSERT INTO activities (user_uuid, message, created_at, expires_at)
SELECT author.uuid, 'crud ' || n, now() - interval '1 hour' + n * interval '1 minute', now() + interval '1 day'
FROM author, generate_series(1, 45) AS n;
