-- Where one appearance goes (cruddur/fanout): a crud (:reposter_uuid NULL) or a repost, when it was written,
-- who wrote it, and the timelines it belongs on: the author's (or reposter's) own and their followers', unless
-- they have more than very_followed_threshold() followers (merged when read: timelines/page.sql; the stream
-- finds those followers among its own viewers: stream/followers_among.sql).
SELECT entry.feed_at, writer.uuid AS writer_uuid,
       writer.followers_count > very_followed_threshold() AS very_followed,
       CASE WHEN writer.followers_count > very_followed_threshold() THEN ARRAY[writer.uuid]
            ELSE ARRAY(SELECT f.follower_uuid FROM follows f WHERE f.followed_uuid = writer.uuid) || writer.uuid
       END AS viewer_uuids
FROM (
  SELECT a.created_at AS feed_at, a.user_uuid AS writer_uuid FROM activities a
  WHERE a.uuid = :activity_uuid AND :reposter_uuid::uuid IS NULL AND a.reply_to_activity_uuid IS NULL
  UNION ALL
  SELECT r.created_at, r.user_uuid FROM reposts r
  WHERE r.activity_uuid = :activity_uuid AND r.user_uuid = :reposter_uuid::uuid
) AS entry
JOIN users writer ON writer.uuid = entry.writer_uuid;
