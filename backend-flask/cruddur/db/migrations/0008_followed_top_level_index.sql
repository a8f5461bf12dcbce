-- When the newest cruds hold too few of a viewer's people, their home reads each person's newest top-level
-- cruds: index-only, without visiting the replies.
CREATE INDEX activities_user_top_level_idx ON activities (user_uuid, created_at DESC, uuid DESC)
  INCLUDE (expires_at) WHERE reply_to_activity_uuid IS NULL;
