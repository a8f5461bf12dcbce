-- The hashtags used most in live cruds of the last 24 hours.
SELECT '#' || tag AS tag, count(*) AS count
FROM activities, unnest(hashtags) AS tag
WHERE created_at > now() - interval '24 hours' AND expires_at > now()
GROUP BY tag
ORDER BY count(*) DESC, tag
LIMIT :limit;
