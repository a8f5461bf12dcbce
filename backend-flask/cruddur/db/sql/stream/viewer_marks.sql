-- Each of :viewer_uuids' liked/reposted marks on one crud (those with a stream open on this process).
SELECT viewer_uuid, marks.liked, marks.reposted
FROM unnest(:viewer_uuids::uuid[]) AS viewer_uuid
CROSS JOIN LATERAL viewer_marks(viewer_uuid, :uuid::uuid) AS marks;
