-- What became of one of :user_uuid's avatar uploads; nothing for anyone else's.
SELECT status, reason FROM avatar_uploads WHERE upload_id = :upload_id AND user_uuid = :user_uuid;
