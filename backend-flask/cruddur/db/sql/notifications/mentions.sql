-- Tells each person in :user_uuids that :actor_uuid mentioned them in :activity_uuid.
INSERT INTO notifications (user_uuid, actor_uuid, type, activity_uuid)
SELECT mentioned, :actor_uuid::uuid, 'mention', :activity_uuid::uuid
FROM unnest(:user_uuids::uuid[]) AS mentioned
WHERE mentioned <> :actor_uuid::uuid;
