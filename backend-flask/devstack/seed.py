"""Demo people (in the local Cognito and in Postgres) and demo cruds. Idempotent; local stack only.

`python -m devstack.seed` reads the same environment as the API, first gives people from earlier runs
their local accounts back (local_accounts.py), and prints the demo sign-ins.
"""

from pathlib import Path

import psycopg

from cruddur.config import Config
from cruddur.db.database import Database
from cruddur.services import users

from . import local_accounts
from .aws import cognito_client

# bandit: demo accounts live only in the local Cognito; bin/dev prints the password.
DEMO_PASSWORD = "cruddur-demo-1"  # nosec B105
DEMO_PEOPLE = [
    ("andrew", "Andrew Brown", "andrew@example.com"),
    ("bayko", "Andrew Bayko", "bayko@example.com"),
    ("lore", "Lore Ipsum", "lore@example.com"),
]
DEMO_CRUDS = Path(__file__).with_name("demo_cruds.sql")


def ensure_cognito_user(cognito, pool_id, handle, name, email):
    """The Cognito `sub` of a confirmed demo user with the demo password."""
    try:
        cognito.admin_create_user(
            UserPoolId=pool_id,
            Username=email,
            MessageAction="SUPPRESS",
            UserAttributes=[
                {"Name": "email", "Value": email},
                {"Name": "email_verified", "Value": "true"},
                {"Name": "name", "Value": name},
                {"Name": "preferred_username", "Value": handle},
            ],
        )
    except cognito.exceptions.UsernameExistsException:
        pass
    cognito.admin_set_user_password(UserPoolId=pool_id, Username=email, Password=DEMO_PASSWORD, Permanent=True)
    attributes = cognito.admin_get_user(UserPoolId=pool_id, Username=email)["UserAttributes"]
    return next(a["Value"] for a in attributes if a["Name"] == "sub")


def seed(config):
    if config.environment == "production" or not config.aws_endpoint_url:
        raise SystemExit("demo data is for the local stack only (AWS_ENDPOINT_URL must point at it)")
    cognito = cognito_client(config.aws_endpoint_url, config.aws_region)
    restored = local_accounts.restore(cognito, config.cognito_user_pool_id, config.database_url, DEMO_PASSWORD)
    database = Database().open(config)
    try:
        for handle, name, email in DEMO_PEOPLE:
            sub = ensure_cognito_user(cognito, config.cognito_user_pool_id, handle, name, email)
            users.provision(database, cognito_user_id=sub, handle=handle, email=email, display_name=name)
    finally:
        database.close()
    with psycopg.connect(config.database_url) as conn:
        conn.execute(DEMO_CRUDS.read_text())
    return [email for _, _, email in DEMO_PEOPLE], restored


if __name__ == "__main__":
    emails, restored = seed(Config.from_env())
    print(f"Demo sign-ins (password for each: {DEMO_PASSWORD}):")
    for email in emails:
        print(f"  {email}")
    demo = set(emails)
    others = [email for email in restored if email not in demo]
    if others:
        print(f"People from earlier runs, whose local accounts were made again (password: {DEMO_PASSWORD}):")
        for email in others:
            print(f"  {email}")
