-- A few demo cruds with different lifetimes, for the demo people who have none yet.
INSERT INTO activities (user_uuid, message, created_at, expires_at)
SELECT u.uuid, demo.message, now() - demo.age, now() - demo.age + demo.lifetime
FROM (VALUES
  ('andrew', 'Cloud is fun! Posting from the local stack.', interval '5 minutes', interval '3 days'),
  ('andrew', 'This crud blows up within the hour.', interval '10 minutes', interval '1 hour'),
  ('bayko', 'Cruds expire, so say it while it matters.', interval '30 minutes', interval '7 days'),
  ('lore', 'Reading the home feed before it disappears.', interval '2 hours', interval '1 day')
) AS demo (handle, message, age, lifetime)
JOIN users u ON lower(u.handle) = demo.handle
WHERE NOT EXISTS (SELECT 1 FROM activities a WHERE a.user_uuid = u.uuid AND a.expires_at > now());
