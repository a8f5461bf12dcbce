-- Points a person at their newly processed avatar (the 512 px key).
UPDATE users SET avatar_key = %(avatar_key)s WHERE uuid = %(user_uuid)s;
