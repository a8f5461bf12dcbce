-- Whether the viewer liked or reposted each crud of a page.
SELECT page.uuid,
       EXISTS (SELECT 1 FROM likes l WHERE l.user_uuid = :viewer_uuid AND l.activity_uuid = page.uuid) AS liked,
       EXISTS (SELECT 1 FROM reposts r WHERE r.user_uuid = :viewer_uuid AND r.activity_uuid = page.uuid) AS reposted
FROM unnest(:activity_uuids::uuid[]) AS page (uuid);
