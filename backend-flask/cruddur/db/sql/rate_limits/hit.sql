-- Counts one request against :key in the current window of :seconds; answers the count so far and the
-- seconds until the window ends.
WITH current_window AS (
  SELECT to_timestamp(floor(extract(epoch FROM now()) / :seconds) * :seconds) AS start
)
INSERT INTO rate_limit_hits (key, window_start, hits)
SELECT :key, start, 1 FROM current_window
ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_hits.hits + 1
RETURNING hits, ceil(extract(epoch FROM window_start + make_interval(secs => :seconds) - now()))::int AS reset_in;
