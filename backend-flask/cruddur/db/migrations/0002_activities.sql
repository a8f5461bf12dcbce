-- Cruds and their replies. Every crud expires; a reply takes its parent's expiry.
CREATE TABLE activities (
  uuid uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_uuid uuid NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
  message text NOT NULL CHECK (char_length(message) BETWEEN 1 AND 280),
  reply_to_activity_uuid uuid REFERENCES activities (uuid) ON DELETE CASCADE,
  replies_count integer NOT NULL DEFAULT 0 CHECK (replies_count >= 0),
  likes_count integer NOT NULL DEFAULT 0 CHECK (likes_count >= 0),
  reposts_count integer NOT NULL DEFAULT 0 CHECK (reposts_count >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  CHECK (expires_at > created_at)
);

-- Feeds of everyone: top-level cruds, newest first, keyset-paginated on (created_at, uuid).
CREATE INDEX activities_top_level_idx ON activities (created_at DESC, uuid DESC)
  WHERE reply_to_activity_uuid IS NULL;
-- A profile's cruds, newest first; expires_at included for the live count.
CREATE INDEX activities_user_idx ON activities (user_uuid, created_at DESC, uuid DESC) INCLUDE (expires_at);
-- A crud's replies, oldest first (also serves the foreign key's cascade).
CREATE INDEX activities_replies_idx ON activities (reply_to_activity_uuid, created_at, uuid)
  WHERE reply_to_activity_uuid IS NOT NULL;
-- The purge finds expired rows without a scan.
CREATE INDEX activities_expires_at_idx ON activities (expires_at);

-- What every list of cruds reads: live cruds with their author. An expired crud is not here.
CREATE VIEW live_cruds AS
SELECT a.uuid, a.user_uuid, a.message, a.reply_to_activity_uuid,
       a.replies_count, a.likes_count, a.reposts_count, a.created_at, a.expires_at,
       u.handle, u.display_name, u.avatar_key
FROM activities a
JOIN users u ON u.uuid = a.user_uuid
WHERE a.expires_at > now();
