-- People. Cognito owns sign-in; this row is what the rest of the schema points at.
CREATE TABLE users (
  uuid uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  cognito_user_id text NOT NULL UNIQUE,
  handle text NOT NULL CHECK (handle ~ '^[a-z0-9_]{3,20}$'),
  email text NOT NULL,
  display_name text NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 50),
  bio text NOT NULL DEFAULT '' CHECK (char_length(bio) <= 160),
  avatar_key text,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Handles are unique whatever their case, and every lookup by handle goes through lower().
CREATE UNIQUE INDEX users_handle_lower_key ON users (lower(handle));
CREATE INDEX users_email_lower_idx ON users (lower(email));
