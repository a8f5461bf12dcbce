-- Each avatar upload the API presigned, and what became of it: GET /api/avatars/{upload_id} answers from
-- here (the uploader only), and the avatar handler records the outcome. Rows go after a day (the purge).
CREATE TABLE avatar_uploads (
  upload_id text PRIMARY KEY CHECK (upload_id ~ '^[0-9a-f]{32}$'),
  user_uuid uuid NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
  status text NOT NULL DEFAULT 'processing' CHECK (status IN ('processing', 'ready', 'failed')),
  -- Why a failed upload was refused, as the person is told.
  reason text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX avatar_uploads_created_at_idx ON avatar_uploads (created_at);
