-- The signed-in home reads the newest cruds and reposts of everyone and keeps those of people the viewer
-- follows: both reads are index-only, newest first, and stop after a fixed number of rows.
CREATE INDEX activities_top_level_feed_idx ON activities (created_at DESC, uuid DESC)
  INCLUDE (user_uuid, expires_at) WHERE reply_to_activity_uuid IS NULL;
DROP INDEX activities_top_level_idx;
CREATE INDEX reposts_recent_idx ON reposts (created_at DESC, activity_uuid DESC) INCLUDE (user_uuid);
