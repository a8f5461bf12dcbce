-- Puts :uuids (checked and locked by for_attaching) on crud :activity_uuid, in the order given.
UPDATE media SET activity_uuid = :activity_uuid, position = given.position - 1, posted_at = now()
FROM unnest(:uuids::uuid[]) WITH ORDINALITY AS given (uuid, position)
WHERE media.uuid = given.uuid AND media.user_uuid = :user_uuid AND media.posted_at IS NULL;
