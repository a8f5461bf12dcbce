-- A new top-level crud that lives for :ttl_seconds.
INSERT INTO activities (user_uuid, message, expires_at)
VALUES (:user_uuid, :message, now() + make_interval(secs => :ttl_seconds))
RETURNING uuid;
