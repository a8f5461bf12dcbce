"""PostgreSQL: the pools and sessions (database.py), the SQL files they run (loader.py, sql/), the schema's
migrations (migrate.py, migrations/) and the purge of expired cruds (purge.py)."""
