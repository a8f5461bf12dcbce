-- Follows, likes and reposts: one row per pair, so toggling is idempotent and counts are exact.
CREATE TABLE follows (
  follower_uuid uuid NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
  followed_uuid uuid NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (follower_uuid, followed_uuid),
  CHECK (follower_uuid <> followed_uuid)
);
CREATE INDEX follows_followed_idx ON follows (followed_uuid, follower_uuid);

CREATE TABLE likes (
  user_uuid uuid NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
  activity_uuid uuid NOT NULL REFERENCES activities (uuid) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_uuid, activity_uuid)
);
CREATE INDEX likes_activity_idx ON likes (activity_uuid);

CREATE TABLE reposts (
  user_uuid uuid NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
  activity_uuid uuid NOT NULL REFERENCES activities (uuid) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_uuid, activity_uuid)
);
CREATE INDEX reposts_activity_idx ON reposts (activity_uuid);
CREATE INDEX reposts_user_created_idx ON reposts (user_uuid, created_at DESC);
