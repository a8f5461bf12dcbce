-- Changes what a person says about themselves; a null keeps the current value.
UPDATE users
SET display_name = coalesce(:display_name, display_name),
    bio = coalesce(:bio, bio)
WHERE uuid = :user_uuid
RETURNING handle;
