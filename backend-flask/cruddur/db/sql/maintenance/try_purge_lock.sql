-- One purge at a time across every API process: a session-level advisory lock.
SELECT pg_try_advisory_lock(hashtext('cruddur.purge_expired')) AS locked;
