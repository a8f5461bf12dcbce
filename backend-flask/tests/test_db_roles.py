"""The API connects as a login of cruddur_api, which reads and writes rows and cannot change the schema
(issue 19, item 4): the migration task, as the schema's owner, makes that login."""

import psycopg
import pytest
from psycopg import sql

from cruddur.cli import main
from cruddur.config import Config

LOGIN = "cruddur_api_test_login"


@pytest.fixture
def api_login(database_url):
    yield LOGIN
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(LOGIN)))


def connect_as(database_url, user):
    return psycopg.connect(psycopg.conninfo.make_conninfo(database_url, user=user), autocommit=True)


def test_the_migration_task_makes_the_api_login_once(database_url, api_login, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("API_DATABASE_USER", api_login)
    monkeypatch.setenv("API_DATABASE_PASSWORD", "first password")
    main(["migrate"])
    monkeypatch.setenv("API_DATABASE_PASSWORD", "a later password, which the rotation sets instead")
    main(["migrate"])
    assert capsys.readouterr().out.splitlines()[1::2] == [
        f"made the API's login {api_login}",
        f"kept the API's login {api_login}",
    ]
    with psycopg.connect(database_url) as conn:
        member = conn.execute(
            "SELECT pg_has_role(%s, 'cruddur_api', 'MEMBER'), rolcanlogin FROM pg_roles WHERE rolname = %s",
            (api_login, api_login),
        ).fetchone()
    assert member == (True, True)


def test_the_api_login_reads_and_writes_rows_but_not_the_schema(database_url, api_login, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("API_DATABASE_USER", api_login)
    monkeypatch.setenv("API_DATABASE_PASSWORD", "password")
    main(["migrate"])
    with connect_as(database_url, api_login) as conn:
        conn.execute("SELECT count(*) FROM users").fetchone()
        conn.execute("SELECT version FROM schema_migrations LIMIT 1").fetchone()
        with conn.transaction(force_rollback=True):
            conn.execute(
                "INSERT INTO users (display_name, handle, email, cognito_user_id)"
                " VALUES ('R', 'rolecheck', 'r@example.test', 'role-check')"
            )
        for statement in (
            "CREATE TABLE intruder (n int)",
            "DROP TABLE users",
            "ALTER TABLE users ADD COLUMN x int",
            "TRUNCATE users",
            "DELETE FROM schema_migrations",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)


def test_the_database_url_is_made_of_the_secret_fields_and_verifies_the_server():
    env = {
        "DATABASE_HOST": "db.abc.us-east-1.rds.amazonaws.com",
        "DATABASE_PORT": "5432",
        "DATABASE_NAME": "cruddur",
        "DATABASE_USER": "cruddur_app_clone",
        "DATABASE_PASSWORD": "p@ss w'rd/?#",
        "DATABASE_SSLROOTCERT": "/etc/ssl/certs/rds-global-bundle.pem",
    }
    parts = psycopg.conninfo.conninfo_to_dict(Config.from_env(env).database_url)
    assert parts == {
        "host": "db.abc.us-east-1.rds.amazonaws.com",
        "port": "5432",
        "dbname": "cruddur",
        "user": "cruddur_app_clone",
        "password": "p@ss w'rd/?#",
        "sslmode": "verify-full",
        "sslrootcert": "/etc/ssl/certs/rds-global-bundle.pem",
    }
    assert (
        Config.from_env({**env, "DATABASE_URL": "postgresql://local/cruddur"}).database_url
        == "postgresql://local/cruddur"
    )
