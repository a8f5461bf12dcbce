-- Releases the purge lock taken by try_purge_lock.
SELECT pg_advisory_unlock(hashtext('cruddur.purge_expired')) AS released;
