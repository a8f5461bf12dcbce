-- Points a local person's row at the local Cognito account made again for them, only if it still names
-- the identity the local Cognito forgot.
UPDATE users SET cognito_user_id = %(new)s WHERE uuid = %(uuid)s AND cognito_user_id = %(old)s;
