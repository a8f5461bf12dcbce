-- How long ago the longest-expired crud still stored expired (0 when none has): the purge's lag, which the
-- purge logs before each round for the purge-lag alarm. One read of activities_expires_at_idx.
SELECT coalesce(extract(epoch FROM now() - min(expires_at)), 0)::float AS seconds
FROM activities WHERE expires_at <= now();
