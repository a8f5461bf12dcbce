-- Name cards of the people in one page of messages or conversations (at most 100 uuids).
SELECT uuid, handle, display_name, avatar_key FROM users WHERE uuid = ANY(:uuids::uuid[]);
