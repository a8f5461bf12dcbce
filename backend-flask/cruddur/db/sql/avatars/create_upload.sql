-- An avatar upload the API just presigned for :user_uuid; it is processing until the handler says.
INSERT INTO avatar_uploads (upload_id, user_uuid) VALUES (:upload_id, :user_uuid);
