-- A few demo cruds with different lifetimes and hashtags, for the demo people who have none live.
INSERT INTO activities (user_uuid, message, hashtags, created_at, expires_at)
SELECT u.uuid, demo.message,
       ARRAY(SELECT DISTINCT lower(tag[1]) FROM regexp_matches(demo.message, '#([[:alnum:]_]+)', 'g') AS tag),
       now() - demo.age, now() - demo.age + demo.lifetime
FROM (VALUES
  ('andrew', 'Cloud is fun! Posting from the local stack. #cloud #aws', interval '5 minutes', interval '3 days'),
  ('andrew', 'This crud blows up within the hour. #expiring', interval '10 minutes', interval '1 hour'),
  ('bayko', 'Cruds expire, so say it while it matters. #cloud', interval '30 minutes', interval '7 days'),
  ('lore', 'Reading the home feed before it disappears. #aws', interval '2 hours', interval '1 day')
) AS demo (handle, message, age, lifetime)
JOIN users u ON lower(u.handle) = demo.handle
WHERE NOT EXISTS (SELECT 1 FROM activities a WHERE a.user_uuid = u.uuid AND a.expires_at > now());
