-- The local people after %(after)s, by uuid, a page at a time (devstack/local_accounts.py). `superseded`:
-- a newer row has the same email (its owner signed up again with it), so this one gets no account back.
SELECT u.uuid, u.cognito_user_id, u.handle, u.email, u.display_name,
       EXISTS (SELECT 1 FROM users newer
               WHERE lower(newer.email) = lower(u.email) AND (newer.created_at, newer.uuid) > (u.created_at, u.uuid))
         AS superseded
FROM users u
WHERE u.uuid > %(after)s
ORDER BY u.uuid
LIMIT %(page)s;
