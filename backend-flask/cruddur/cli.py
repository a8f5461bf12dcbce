"""Database chores that also run on AWS as one-off tasks of the API image:
`python -m cruddur.cli migrate` and `python -m cruddur.cli purge-expired`."""

import argparse
import os
import sys

from .config import Config
from .db.migrate import ensure_api_login, migrate


def _migrate(config):
    applied = migrate(config.database_url)
    print(f"applied {len(applied)} migration(s){': ' + ', '.join(applied) if applied else ''}")
    # On AWS the migration task also gets the API's secret, to make its first login (it then rotates).
    user = os.environ.get("API_DATABASE_USER")
    if user:
        made = ensure_api_login(config.database_url, user, os.environ["API_DATABASE_PASSWORD"])
        print(f"{'made' if made else 'kept'} the API's login {user}")


def _purge_expired(config):
    from .db.database import Database
    from .db.purge import purge_expired
    from .s3.media import MediaFiles

    database = Database().open(config)
    try:
        database.pool.wait(timeout=config.db_timeout_seconds)
        deleted = purge_expired(database, config.purge_batch_size, MediaFiles().open(config))
    finally:
        database.close()
    print("another purge is running" if deleted is None else f"deleted {deleted} expired crud(s)")


COMMANDS = {"migrate": _migrate, "purge-expired": _purge_expired}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="cruddur.cli")
    parser.add_argument("command", choices=sorted(COMMANDS))
    args = parser.parse_args(argv)
    config = Config.from_env()
    if not config.database_url:
        sys.exit("DATABASE_URL is not set")
    COMMANDS[args.command](config)


if __name__ == "__main__":
    main()
