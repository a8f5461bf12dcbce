-- People whose handle or display name starts with :prefix (LIKE wildcards already escaped), most
-- followed first.
SELECT uuid, handle, display_name, avatar_key FROM users
WHERE lower(handle) LIKE lower(:prefix) || '%' OR lower(display_name) LIKE lower(:prefix) || '%'
ORDER BY followers_count DESC, handle
LIMIT :limit;
