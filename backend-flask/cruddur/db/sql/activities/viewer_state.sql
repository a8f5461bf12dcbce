-- Whether the viewer liked or reposted each crud of a page (viewer_marks: a primary-key probe each).
SELECT page.uuid, marks.liked, marks.reposted
FROM unnest(:activity_uuids::uuid[]) AS page (uuid)
CROSS JOIN LATERAL viewer_marks(:viewer_uuid, page.uuid) AS marks;
