-- Points an existing row at a new Cognito identity of the same person (same handle and email),
-- e.g. after the account was recreated in Cognito.
UPDATE users SET cognito_user_id = :cognito_user_id
WHERE lower(handle) = lower(:handle) AND lower(email) = lower(:email)
RETURNING uuid, handle, display_name, email, avatar_key, following_count;
