-- The users row of a newly confirmed Cognito account. Answers the identity holding the handle now: this
-- account's (made now, or by an earlier delivery of the same event), or someone else's when it is taken.
WITH made AS (
  INSERT INTO users (cognito_user_id, handle, email, display_name)
  VALUES (%(cognito_user_id)s, %(handle)s, %(email)s, %(display_name)s)
  ON CONFLICT DO NOTHING
  RETURNING cognito_user_id
)
SELECT cognito_user_id FROM made
UNION ALL
SELECT cognito_user_id FROM users WHERE lower(handle) = lower(%(handle)s) AND NOT EXISTS (SELECT FROM made);
