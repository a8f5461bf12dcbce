-- How many of :user_uuid's photos of the last day are not posted yet, counting no further than :cap.
SELECT count(*) AS unposted FROM (
  SELECT 1 FROM media
  WHERE user_uuid = :user_uuid AND posted_at IS NULL AND created_at > now() - interval '1 day'
  LIMIT :cap
) recent;
