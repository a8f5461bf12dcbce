-- People the viewer (if any) is not and does not follow, most followed first.
SELECT u.uuid, u.handle, u.display_name, u.avatar_key FROM users u
WHERE u.uuid IS DISTINCT FROM :viewer_uuid::uuid
  AND NOT EXISTS (
    SELECT 1 FROM follows f WHERE f.follower_uuid = :viewer_uuid::uuid AND f.followed_uuid = u.uuid
  )
ORDER BY u.followers_count DESC, u.uuid
LIMIT :limit;
