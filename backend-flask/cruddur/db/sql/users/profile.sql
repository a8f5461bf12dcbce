-- A person's profile by handle, with live counts and whether the viewer follows them.
SELECT u.uuid, u.handle, u.display_name, u.bio, u.avatar_key, u.created_at, u.followers_count, u.following_count,
       (SELECT count(*) FROM activities a WHERE a.user_uuid = u.uuid AND a.expires_at > now()) AS cruds_count,
       EXISTS (
         SELECT 1 FROM follows f WHERE f.follower_uuid = :viewer_uuid::uuid AND f.followed_uuid = u.uuid
       ) AS following
FROM users u
WHERE lower(u.handle) = lower(:handle);
