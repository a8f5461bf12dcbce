-- Sets the description of one of :user_uuid's photos that is not posted yet; answers it.
UPDATE media SET alt = :alt
WHERE uuid = :uuid AND user_uuid = :user_uuid AND posted_at IS NULL
RETURNING uuid, user_uuid, activity_uuid, posted_at, status, reason, alt, width, height, full_key, preview_key,
          created_at, created_at + interval '1 day' AS expires_at;
