-- The person behind a verified token.
SELECT uuid, handle, display_name, email, avatar_key FROM users WHERE cognito_user_id = :cognito_user_id;
