-- A photo the API just presigned an upload for; it is processing until the media handler says.
INSERT INTO media (uuid, user_uuid, original_key) VALUES (:uuid, :user_uuid, :original_key);
