-- A home timeline as it stands (timelines/store.py rebuilds from this): the newest :size appearances of the
-- viewer's and followed people's live top-level cruds and those people's reposts, each source cut at :size
-- through its index. Duplicates stay: the read keeps each crud's newest appearance that is still valid.
WITH people AS (
  SELECT followed_uuid AS uuid FROM follows WHERE follower_uuid = :viewer_uuid
  UNION ALL
  SELECT :viewer_uuid::uuid
), entries AS (
  SELECT posted.uuid AS activity_uuid, posted.created_at AS feed_at, NULL::uuid AS reposter_uuid
  FROM people CROSS JOIN LATERAL (
    SELECT a.uuid, a.created_at FROM activities a
    WHERE a.user_uuid = people.uuid AND a.reply_to_activity_uuid IS NULL AND a.expires_at > now()
    ORDER BY a.created_at DESC, a.uuid DESC
    LIMIT :size
  ) AS posted
  UNION ALL
  SELECT shared.activity_uuid, shared.created_at, people.uuid
  FROM people CROSS JOIN LATERAL (
    SELECT r.activity_uuid, r.created_at FROM reposts r
    JOIN activities reposted ON reposted.uuid = r.activity_uuid AND reposted.expires_at > now()
    WHERE r.user_uuid = people.uuid
    ORDER BY r.created_at DESC, r.activity_uuid DESC
    LIMIT :size
  ) AS shared
)
SELECT activity_uuid, feed_at, reposter_uuid FROM entries ORDER BY feed_at DESC, activity_uuid DESC LIMIT :size;
