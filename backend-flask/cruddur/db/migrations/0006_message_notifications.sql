-- New messages from one person make one unread notification, not one per message.
CREATE UNIQUE INDEX notifications_unread_message_idx ON notifications (user_uuid, actor_uuid)
  WHERE type = 'message' AND read_at IS NULL;
