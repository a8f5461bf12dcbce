-- Request counts per rate-limit key and fixed time window, shared by every API process. Unlogged: losing
-- counts in a crash only forgives a few requests, and writes stay cheap.
CREATE UNLOGGED TABLE rate_limit_hits (
  key text NOT NULL,
  window_start timestamptz NOT NULL,
  hits integer NOT NULL,
  PRIMARY KEY (key, window_start)
);
-- The purge drops windows long past.
CREATE INDEX rate_limit_hits_window_idx ON rate_limit_hits (window_start);
