-- Whether the viewer follows at least one person (their home is then their own).
SELECT EXISTS (SELECT 1 FROM follows WHERE follower_uuid = :viewer_uuid) AS follows_anyone;
