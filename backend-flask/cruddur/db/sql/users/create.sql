-- A person Cognito confirmed. Nothing back means the handle (or the Cognito id) is already taken.
INSERT INTO users (cognito_user_id, handle, email, display_name)
VALUES (:cognito_user_id, :handle, :email, :display_name)
ON CONFLICT DO NOTHING
RETURNING uuid, handle, display_name, email, avatar_key, following_count;
