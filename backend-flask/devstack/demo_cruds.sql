-- A few demo cruds with different lifetimes and hashtags, for the demo people who have none live. Their
-- hashtags are written out as cruddur_shared.text finds them (the API finds them in Python when a crud is
-- posted: PostgreSQL's character classes depend on the database's locale).
INSERT INTO activities (user_uuid, message, hashtags, created_at, expires_at)
SELECT u.uuid, demo.message, demo.hashtags, now() - demo.age, now() - demo.age + demo.lifetime
FROM (VALUES
  ('andrew', 'Cloud is fun! Posting from the local stack. #cloud #aws', '{cloud,aws}'::text[], interval '5 minutes',
   interval '3 days'),
  ('andrew', 'This crud blows up within the hour. #expiring', '{expiring}', interval '10 minutes', interval '1 hour'),
  ('bayko', 'Cruds expire, so say it while it matters. #cloud', '{cloud}', interval '30 minutes', interval '7 days'),
  ('lore', 'Reading the home feed before it disappears. #aws', '{aws}', interval '2 hours', interval '1 day'),
  ('lore', 'Un #café au soleil, et la #Pâtisserie du coin. #日本 #café', '{café,pâtisserie,日本}', interval '1 hour',
   interval '12 hours')
) AS demo (handle, message, hashtags, age, lifetime)
JOIN users u ON lower(u.handle) = demo.handle
WHERE NOT EXISTS (SELECT 1 FROM activities a WHERE a.user_uuid = u.uuid AND a.expires_at > now());
