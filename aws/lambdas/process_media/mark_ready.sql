-- A processed photo is ready to post, with its size and served keys; answers it (nothing if the row is gone:
-- never posted within a day and purged, say).
UPDATE media SET status = 'ready', reason = NULL, width = %(width)s, height = %(height)s,
                 full_key = %(full_key)s, preview_key = %(preview_key)s
WHERE uuid = %(media_uuid)s
RETURNING uuid;
