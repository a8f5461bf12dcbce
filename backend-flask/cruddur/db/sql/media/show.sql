-- One photo as :viewer_uuid may see it: their own while it is not posted (for a day), or anyone's on a live
-- crud (with the crud's expiry, which its URLs end by). Nothing otherwise.
SELECT m.uuid, m.user_uuid, m.activity_uuid, m.posted_at, m.status, m.reason, m.alt, m.width, m.height,
       m.full_key, m.preview_key, m.created_at,
       coalesce(a.expires_at, m.created_at + interval '1 day') AS expires_at
FROM media m
LEFT JOIN activities a ON a.uuid = m.activity_uuid AND a.expires_at > now()
WHERE m.uuid = :uuid
  AND ((m.posted_at IS NULL AND m.user_uuid = :viewer_uuid AND m.created_at > now() - interval '1 day')
       OR a.uuid IS NOT NULL);
