-- Which of :viewer_uuids (those with a stream open on this process) follow :followed_uuid, a very-followed
-- person whose cruds the fan-out does not send follower by follower: one probe of the follows primary key each.
SELECT viewer_uuid FROM unnest(:viewer_uuids::uuid[]) AS viewer_uuid
WHERE EXISTS (SELECT 1 FROM follows f WHERE f.follower_uuid = viewer_uuid AND f.followed_uuid = :followed_uuid);
