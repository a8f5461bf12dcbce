-- Deletes photos whose files are gone, unless one was posted meanwhile (a crud still holding it).
DELETE FROM media WHERE uuid = ANY(:uuids::uuid[]) AND activity_uuid IS NULL;
