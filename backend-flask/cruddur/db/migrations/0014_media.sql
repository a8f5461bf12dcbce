-- Photos in cruds (issue 17). A row per photo the API presigned an upload for: the processing Lambda
-- marks it ready (with its size and served keys) or failed (with why); posting attaches it to a crud at a
-- position. A photo lives as long as its crud: when the crud goes (deleted, or purged once expired)
-- activity_uuid turns NULL while posted_at stays, and the purge deletes the files and the row; a photo never
-- posted goes after a day.
CREATE TABLE media (
  uuid uuid PRIMARY KEY,
  user_uuid uuid NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
  activity_uuid uuid REFERENCES activities (uuid) ON DELETE SET NULL,
  -- 0..3, the order the author gave.
  position smallint CHECK (position BETWEEN 0 AND 3),
  posted_at timestamptz,
  status text NOT NULL DEFAULT 'processing' CHECK (status IN ('processing', 'ready', 'failed')),
  -- Why a failed photo was refused, as the person is told.
  reason text,
  alt text NOT NULL DEFAULT '' CHECK (char_length(alt) <= 1500),
  width integer CHECK (width > 0),
  height integer CHECK (height > 0),
  -- The upload (uploads bucket) and the served sizes (media bucket), as cruddur_shared.media names them.
  original_key text NOT NULL,
  full_key text,
  preview_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (activity_uuid IS NULL OR (posted_at IS NOT NULL AND position IS NOT NULL)),
  CHECK (status <> 'ready' OR (width IS NOT NULL AND height IS NOT NULL AND full_key IS NOT NULL
                               AND preview_key IS NOT NULL))
);
-- A crud's photos in order (also serves the foreign key's SET NULL when a crud goes); one photo a position.
CREATE UNIQUE INDEX media_activity_idx ON media (activity_uuid, position) WHERE activity_uuid IS NOT NULL;
-- A person's photos (the per-person cap on unposted uploads; the foreign key's cascade).
CREATE INDEX media_owner_idx ON media (user_uuid, created_at);
-- Photos never posted, oldest first: the purge deletes them after a day.
CREATE INDEX media_unposted_idx ON media (created_at) WHERE posted_at IS NULL;
-- Photos whose crud is gone (deleted or purged): the purge deletes their files and rows.
CREATE INDEX media_gone_idx ON media (created_at) WHERE posted_at IS NOT NULL AND activity_uuid IS NULL;

-- A crud may be photos alone: its message is then empty (the API requires text when there are no photos).
ALTER TABLE activities DROP CONSTRAINT activities_message_check,
  ADD CONSTRAINT activities_message_check CHECK (char_length(message) <= 280);
