-- A new top-level crud that lives for :ttl_seconds, with its hashtags (lower-cased, without '#').
INSERT INTO activities (user_uuid, message, hashtags, expires_at)
VALUES (:user_uuid, :message,
        ARRAY(SELECT DISTINCT lower(tag[1]) FROM regexp_matches(:message, '#([[:alnum:]_]+)', 'g') AS tag),
        now() + make_interval(secs => :ttl_seconds))
RETURNING uuid;
