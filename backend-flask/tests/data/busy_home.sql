-- A busy home for ann (who follows bob and cat, made by the test): bob, cat and dan (not followed) post in
-- turn a minute apart for 90 minutes, every seventh of cat's has expired, bob reposts every fifth of dan's
-- and one of cat's, and ann posts twice.
INSERT INTO activities (user_uuid, message, created_at, expires_at)
SELECT u.uuid, u.handle || ' ' || n,
       now() - interval '2 hours' + (3 * n + p.turn) * interval '20 seconds',
       CASE WHEN u.handle = 'cat' AND n % 7 = 0 THEN now() - interval '1 second' ELSE now() + interval '1 day' END
FROM (VALUES ('bob', 0), ('cat', 1), ('dan', 2)) AS p (handle, turn)
JOIN users u ON u.handle = p.handle, generate_series(1, 90) AS n;

INSERT INTO activities (user_uuid, message, created_at, expires_at)
SELECT u.uuid, 'ann ' || n, now() - interval '1 hour' + n * interval '17 minutes', now() + interval '1 day'
FROM users u, generate_series(1, 2) AS n WHERE u.handle = 'ann';

INSERT INTO reposts (user_uuid, activity_uuid, created_at)
SELECT bob.uuid, a.uuid, a.created_at + interval '5 minutes'
FROM users bob, activities a
WHERE bob.handle = 'bob' AND (a.message ~ '^dan \d*5$' OR a.message IN ('dan 2', 'cat 40'));
