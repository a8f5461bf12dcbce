-- The users row of a newly confirmed Cognito account; a redelivered event changes nothing,
-- and a handle someone else holds is an error Cognito shows.
INSERT INTO users (cognito_user_id, handle, email, display_name)
VALUES (%(cognito_user_id)s, %(handle)s, %(email)s, %(display_name)s)
ON CONFLICT (cognito_user_id) DO NOTHING;
