-- Follower counts kept with each follow, so profiles and suggestions never count rows.
ALTER TABLE users
  ADD COLUMN followers_count integer NOT NULL DEFAULT 0 CHECK (followers_count >= 0),
  ADD COLUMN following_count integer NOT NULL DEFAULT 0 CHECK (following_count >= 0);
UPDATE users u SET
  followers_count = (SELECT count(*) FROM follows f WHERE f.followed_uuid = u.uuid),
  following_count = (SELECT count(*) FROM follows f WHERE f.follower_uuid = u.uuid);
-- Suggestions: the most followed first.
CREATE INDEX users_followers_idx ON users (followers_count DESC, uuid);
-- People search: handle or display-name prefixes.
CREATE INDEX users_handle_prefix_idx ON users (lower(handle) text_pattern_ops);
CREATE INDEX users_display_name_prefix_idx ON users (lower(display_name) text_pattern_ops);
-- Who someone follows, in follow order (home feed, suggestions).
CREATE INDEX follows_follower_idx ON follows (follower_uuid, followed_uuid);

-- Search: ranked full-text over the message, and exact hashtags (lower-cased, without '#').
ALTER TABLE activities
  ADD COLUMN hashtags text[] NOT NULL DEFAULT '{}',
  ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('english', message)) STORED;
UPDATE activities SET hashtags = ARRAY(
  SELECT DISTINCT lower(tag[1]) FROM regexp_matches(message, '#([[:alnum:]_]+)', 'g') AS tag);
CREATE INDEX activities_search_idx ON activities USING gin (search_vector);
CREATE INDEX activities_hashtags_idx ON activities USING gin (hashtags);
-- Trends read the last day of cruds, replies included.
CREATE INDEX activities_created_at_idx ON activities (created_at) INCLUDE (expires_at, hashtags);
-- A person's reposts, newest first, for their followers' home feeds.
CREATE INDEX reposts_user_feed_idx ON reposts (user_uuid, created_at DESC, activity_uuid DESC);
DROP INDEX reposts_user_created_idx;

-- What happened to someone: replies, likes, reposts, follows, mentions and messages from others.
CREATE TABLE notifications (
  uuid uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_uuid uuid NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
  actor_uuid uuid NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
  type text NOT NULL CHECK (type IN ('reply', 'like', 'repost', 'follow', 'mention', 'message')),
  -- The reply or mention itself, or the liked or reposted crud; it goes when that crud goes.
  activity_uuid uuid REFERENCES activities (uuid) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  CHECK (user_uuid <> actor_uuid),
  CHECK ((activity_uuid IS NULL) = (type IN ('follow', 'message')))
);
CREATE INDEX notifications_user_idx ON notifications (user_uuid, created_at DESC, uuid DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_uuid) WHERE read_at IS NULL;
CREATE INDEX notifications_activity_idx ON notifications (activity_uuid) WHERE activity_uuid IS NOT NULL;
-- Toggling a like, repost or follow on and off again notifies once.
CREATE UNIQUE INDEX notifications_once_idx ON notifications (user_uuid, actor_uuid, type, activity_uuid)
  NULLS NOT DISTINCT WHERE type IN ('like', 'repost', 'follow');
