-- The person behind a verified token.
SELECT uuid, handle, display_name, email, avatar_key, following_count FROM users WHERE cognito_user_id = :cognito_user_id;
