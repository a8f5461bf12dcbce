-- The local people after %(after)s, by uuid, a page at a time (devstack/local_accounts.py).
SELECT uuid, cognito_user_id, handle, email, display_name
FROM users
WHERE uuid > %(after)s
ORDER BY uuid
LIMIT %(page)s;
