"""`python -m bench seed|run|streams|compare`, the steps bin/bench takes."""

import argparse
import json

import psycopg

from . import load, report, streams
from .accounts import sign_up_and_in
from .seed import seed, user_uuid

USERS = 10_000
# Of an account in the bench's own local Cognito, which lives as long as the run: not a secret.
PASSWORD = "bench-password-1"


def sign_in_viewer(database_url, handle="user1"):
    """A local Cognito account for a seeded person (user1 follows 500 people), linked to their row; its token."""
    sub, token = sign_up_and_in(f"{handle}@example.com", handle, handle, PASSWORD)
    with psycopg.connect(database_url) as conn:
        conn.execute("UPDATE users SET cognito_user_id = %s WHERE handle = %s", (sub, handle))
    return token


# The signed-in home is measured for viewers following about this many people (user1 follows 500).
HOME_FOLLOWING = (50, 300)


def viewer_following(database_url, count):
    """The seeded person whose following count is nearest `count`."""
    with psycopg.connect(database_url) as conn:
        return conn.execute(
            "SELECT handle FROM users WHERE handle <> 'user1' ORDER BY abs(following_count - %s), handle LIMIT 1",
            (count,),
        ).fetchone()[0]


def sign_in_viewers(database_url, session):
    session["token"] = sign_in_viewer(database_url)
    session["home_tokens"] = {
        str(count): sign_in_viewer(database_url, viewer_following(database_url, count)) for count in HOME_FOLLOWING
    }


SEEDED_TEMPLATE = "cruddur_bench_seeded"


def keep_as_template(postgres_dir):
    """A copy of the freshly seeded database, so --reuse starts each run from the same data."""
    from devstack import postgres

    with psycopg.connect(postgres.server(postgres_dir).get_uri(), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {SEEDED_TEMPLATE}")
        conn.execute(f"CREATE DATABASE {SEEDED_TEMPLATE} TEMPLATE cruddur_bench STRATEGY FILE_COPY")


def clone_seeded(session_path, cruds, postgres_dir):
    """The URL of cruddur_bench made anew from the seeded copy, or None when there is none of this size."""
    from devstack import postgres

    try:
        with open(session_path) as f:
            if json.load(f)["cruds"] != cruds:
                return None
    except (OSError, ValueError, KeyError):
        return None
    pg = postgres.server(postgres_dir)
    with psycopg.connect(pg.get_uri(), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (SEEDED_TEMPLATE,)).fetchone():
            return None
        conn.execute("DROP DATABASE IF EXISTS cruddur_bench WITH (FORCE)")
        conn.execute(f"CREATE DATABASE cruddur_bench TEMPLATE {SEEDED_TEMPLATE} STRATEGY FILE_COPY")
    return pg.get_uri("cruddur_bench")


def main():
    parser = argparse.ArgumentParser(prog="bench")
    commands = parser.add_subparsers(dest="command", required=True)
    seeding = commands.add_parser("seed")
    seeding.add_argument("database_url")
    seeding.add_argument("--cruds", type=int, required=True)
    seeding.add_argument("--session", required=True)
    seeding.add_argument("--postgres", required=True)
    reusing = commands.add_parser("clone-seeded")
    reusing.add_argument("session")
    reusing.add_argument("--cruds", type=int, required=True)
    reusing.add_argument("--postgres", required=True)
    signing_in = commands.add_parser("sign-in")
    signing_in.add_argument("database_url")
    signing_in.add_argument("--session", required=True)
    running = commands.add_parser("run")
    running.add_argument("--session", required=True)
    running.add_argument("--api", required=True)
    running.add_argument("--api-pid", type=int, required=True)
    running.add_argument("--redis-port", type=int, required=True)
    running.add_argument("--database-url", required=True)
    running.add_argument("--pgbench", required=True)
    running.add_argument("--duration", type=int, required=True)
    running.add_argument("--connections", type=int, default=16)
    running.add_argument("--only", default="", help="comma-separated endpoint names")
    running.add_argument("--repeat", type=int, default=1, help="runs of each row; the median is shown")
    running.add_argument("--out", required=True)
    streaming = commands.add_parser("streams")
    streaming.add_argument("--api", required=True)
    streaming.add_argument("--stream", required=True, help="the stream process's base URL")
    streaming.add_argument("--stream-pid", type=int, required=True)
    streaming.add_argument("--count", type=int, default=2000)
    streaming.add_argument("--rate", type=int, default=100, help="writes per second")
    streaming.add_argument("--duration", type=int, required=True)
    streaming.add_argument("--out", required=True)
    comparing = commands.add_parser("compare")
    comparing.add_argument("before")
    comparing.add_argument("after")
    args = parser.parse_args()

    if args.command == "seed":
        seed(args.database_url, users=USERS, cruds=args.cruds, follows_min=50, follows_max=500)
        session = {
            "cruds": args.cruds,
            "users": USERS,
            "viewer_uuid": user_uuid(1),
            "other_uuid": user_uuid(2),
        }
        sign_in_viewers(args.database_url, session)
        with open(args.session, "w") as f:
            json.dump(session, f)
        keep_as_template(args.postgres)
    elif args.command == "clone-seeded":
        url = clone_seeded(args.session, args.cruds, args.postgres)
        if url is None:
            raise SystemExit(1)
        print(url)
    elif args.command == "sign-in":
        # The local Cognito of the last run is gone with it: a new account and token for user1.
        with open(args.session) as f:
            session = json.load(f)
        sign_in_viewers(args.database_url, session)
        with open(args.session, "w") as f:
            json.dump(session, f)
    elif args.command == "run":
        with open(args.session) as f:
            session = json.load(f)
        result = load.run(
            session,
            args.api,
            args.api_pid,
            args.redis_port,
            args.database_url,
            args.pgbench,
            args.duration,
            args.connections,
            [name for name in args.only.split(",") if name],
            args.repeat,
        )
        with open(args.out, "w") as f:
            json.dump(result, f, indent=2)
        report.print_table(result)
        print(f"\nwritten to {args.out}")
    elif args.command == "streams":
        streams.run(args.api, args.stream, args.stream_pid, args.count, args.rate, args.duration, PASSWORD, args.out)
    else:
        report.compare(args.before, args.after)


if __name__ == "__main__":
    main()
