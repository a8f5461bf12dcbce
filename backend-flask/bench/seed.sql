-- A realistic dataset made in the database itself (generate_series), so a million cruds take minutes.
-- Parameters: :users, :cruds, :follows_min, :follows_max. Person n is handle `user<n>` with uuid
-- md5('seed-user-<n>'), crud n has uuid md5('seed-crud-<n>'), so tests and the bench can name them.
-- user1 follows :follows_max people (the signed-in home of the bench); everyone else follows
-- :follows_min to :follows_max, most near the minimum. 90% of cruds are top-level, 10% replies to 1% of
-- them; every fifth top-level crud has expired; crud n has n % 3 likes and every 50th is reposted.
-- `espresso` is in a tenth of the live top-level cruds older than 17 days and in none newer (the newest
-- ~56%, whatever the size): a word whose newest matches are far behind the newest cruds.

INSERT INTO users (uuid, cognito_user_id, handle, email, display_name, bio, created_at)
SELECT md5('seed-user-' || n)::uuid, 'seed-' || n, 'user' || n, 'user' || n || '@example.com',
       'User ' || n, 'Seeded person number ' || n, now() - interval '400 days'
FROM generate_series(1, :users) AS n;

-- Each person follows the next k people (wrapping around), so follows never repeat or point at oneself.
INSERT INTO follows (follower_uuid, followed_uuid, created_at)
SELECT md5('seed-user-' || f.n)::uuid, md5('seed-user-' || ((f.n + s - 1) % :users + 1))::uuid,
       now() - interval '300 days'
FROM (
  SELECT n, CASE WHEN n = 1 THEN :follows_max
                 ELSE :follows_min + floor((:follows_max - :follows_min) * random() ^ 6)::int END AS k
  FROM generate_series(1, :users) AS n
) AS f, generate_series(1, f.k) AS s;

UPDATE users u SET followers_count = c.followers, following_count = c.following
FROM (
  SELECT x.uuid, count(*) FILTER (WHERE x.side = 'followed') AS followers,
         count(*) FILTER (WHERE x.side = 'follower') AS following
  FROM (SELECT followed_uuid AS uuid, 'followed' AS side FROM follows
        UNION ALL SELECT follower_uuid, 'follower' FROM follows) AS x
  GROUP BY x.uuid
) AS c
WHERE u.uuid = c.uuid;

INSERT INTO activities (uuid, user_uuid, message, hashtags, likes_count, reposts_count, created_at, expires_at)
SELECT md5('seed-crud-' || t.n)::uuid,
       md5('seed-user-' || (1 + (t.n % :users) * 7919 % :users))::uuid,
       format('Crud %s about %s and %s%s #%s', t.n, t.words[1 + t.n % 20], t.words[1 + (t.n * 7) % 20],
              CASE WHEN t.n % 10 = 3 AND t.created_at < now() - interval '17 days' THEN ' over espresso' END,
              t.tags[1 + t.n % 10]),
       ARRAY[t.tags[1 + t.n % 10]],
       t.n % 3,
       (t.n % 50 = 1)::int,
       t.created_at,
       CASE WHEN t.n % 5 = 0 THEN t.created_at + interval '1 day'
            ELSE now() + interval '1 day' + random() * interval '29 days' END
FROM (
  SELECT n,
         CASE WHEN n % 5 = 0 THEN now() - interval '2 days' - random() * interval '28 days'
              ELSE now() - random() * interval '30 days' END AS created_at,
         ARRAY['aws', 'postgres', 'flask', 'react', 'cloud', 'serverless', 'docker', 'python', 'coffee',
               'music', 'running', 'books', 'cats', 'garden', 'travel', 'cooking', 'rain', 'trains',
               'chess', 'jazz'] AS words,
         ARRAY['aws', 'devops', 'python', 'react', 'postgres', 'weekend', 'music', 'food', 'news',
               'cruddur'] AS tags
  FROM generate_series(1, (:cruds * 9) / 10) AS n
) AS t
-- Stored in the order they were posted, as a live table grows.
ORDER BY t.created_at;

INSERT INTO activities (uuid, user_uuid, message, reply_to_activity_uuid, likes_count, created_at, expires_at)
SELECT md5('seed-crud-' || r.n)::uuid,
       md5('seed-user-' || (1 + (r.n % :users) * 104729 % :users))::uuid,
       format('Reply %s: agreed, see you there', r.n),
       parent.uuid,
       r.n % 3,
       least(parent.created_at + (r.n % 60 + 1) * interval '1 minute', now()),
       parent.expires_at
FROM generate_series((:cruds * 9) / 10 + 1, :cruds) AS r (n)
JOIN activities parent
  ON parent.uuid = md5('seed-crud-' || (1 + r.n % greatest((:cruds * 9) / 1000, 1)))::uuid;

UPDATE activities parent SET replies_count = c.replies
FROM (SELECT reply_to_activity_uuid AS uuid, count(*) AS replies FROM activities
      WHERE reply_to_activity_uuid IS NOT NULL GROUP BY 1) AS c
WHERE parent.uuid = c.uuid;

INSERT INTO likes (user_uuid, activity_uuid, created_at)
SELECT md5('seed-user-' || (1 + (n + j) % :users))::uuid, md5('seed-crud-' || n)::uuid, now() - interval '1 hour'
FROM generate_series(1, :cruds) AS n, generate_series(1, n % 3) AS j;

INSERT INTO reposts (user_uuid, activity_uuid, created_at)
SELECT md5('seed-user-' || (1 + (n % :users) * 13 % :users))::uuid, md5('seed-crud-' || n)::uuid,
       now() - random() * interval '1 day'
FROM generate_series(1, (:cruds * 9) / 10) AS n
WHERE n % 50 = 1;

-- Each like told its author (unless they liked their own crud).
INSERT INTO notifications (user_uuid, actor_uuid, type, activity_uuid, created_at)
SELECT a.user_uuid, l.user_uuid, 'like', l.activity_uuid, l.created_at
FROM likes l JOIN activities a ON a.uuid = l.activity_uuid
WHERE a.user_uuid <> l.user_uuid;
