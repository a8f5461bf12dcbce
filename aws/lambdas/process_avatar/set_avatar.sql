-- Points a person at their newly processed avatar (the 512 px key) and answers the key it replaces.
-- The row lock orders two pictures processed at once, so each replaces the other's key exactly once.
UPDATE users u SET avatar_key = %(avatar_key)s
FROM (SELECT uuid, avatar_key FROM users WHERE uuid = %(user_uuid)s FOR UPDATE) AS previous
WHERE u.uuid = previous.uuid
RETURNING previous.avatar_key AS replaced_key;
