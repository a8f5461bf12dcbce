-- Drops rate-limit windows that ended over an hour ago.
DELETE FROM rate_limit_hits WHERE window_start < now() - interval '1 hour';
