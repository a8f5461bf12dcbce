-- The API's privileges, apart from the schema's owner (whoever runs the migrations: the RDS master user on
-- AWS). cruddur_api cannot log in; the logins the API connects as are its members (`cruddur.cli migrate`
-- makes the one named by API_DATABASE_USER; the secret's rotation makes the others). It reads and writes
-- rows and nothing else: no DDL, no owning, no dropping.
-- A role belongs to the whole cluster: databases migrated at once on one server (the test suite's processes)
-- may both find it missing, and the second to create it is then told it exists.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cruddur_api') THEN
    CREATE ROLE cruddur_api NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$;
GRANT USAGE ON SCHEMA public TO cruddur_api;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO cruddur_api;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO cruddur_api;
-- Tables and sequences later migrations make (as the same owner) come with the same grants.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO cruddur_api;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO cruddur_api;
-- Which migrations ran is the owner's to write; the API only reads it (readiness).
REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM cruddur_api;
