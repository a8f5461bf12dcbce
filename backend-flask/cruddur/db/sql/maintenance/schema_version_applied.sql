-- Whether the newest migration this build ships is applied (readiness: a build never serves an older schema).
SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = :version) AS applied;
