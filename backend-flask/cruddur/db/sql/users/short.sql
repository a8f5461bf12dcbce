-- Name card of a person by handle.
SELECT uuid, handle, display_name, avatar_key FROM users WHERE lower(handle) = lower(:handle);
