-- Whether the viewer liked or reposted each crud of a page: one primary-key probe per crud, so the cost
-- does not grow with how many cruds the viewer has ever liked.
SELECT page.uuid, liked.found IS NOT NULL AS liked, reposted.found IS NOT NULL AS reposted
FROM unnest(:activity_uuids::uuid[]) AS page (uuid)
LEFT JOIN LATERAL (
  SELECT true AS found FROM likes l WHERE l.user_uuid = :viewer_uuid AND l.activity_uuid = page.uuid LIMIT 1
) AS liked ON true
LEFT JOIN LATERAL (
  SELECT true AS found FROM reposts r WHERE r.user_uuid = :viewer_uuid AND r.activity_uuid = page.uuid LIMIT 1
) AS reposted ON true;
