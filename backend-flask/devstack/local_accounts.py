"""The local stack only: gives people their accounts back after the local Cognito forgot them.

moto keeps its state in memory, so every bin/dev run starts with an empty user pool while Postgres keeps
everyone's rows. The API never moves a users row to another Cognito identity (a row belongs to one `sub` for
life), so this is done here, before the API starts, and only for a row whose identity the local Cognito does
not have: a new local account with the row's email, handle and name (and the demo password) is made, and the
row is pointed at it. An email belongs to the newest row that has it: an older row whose owner's email was
signed up with again (after the account was deleted) gets no account, or the newer owner would be signed into
the older row. On AWS, Cognito keeps its accounts, and nothing runs this.
"""

import logging
from pathlib import Path

import psycopg

log = logging.getLogger(__name__)

SQL = Path(__file__).with_name("sql")
# Rows are read in pages of this many: the local database is small, but every query is bounded.
PAGE = 500


def _identity_exists(cognito, pool_id, sub):
    found = cognito.list_users(UserPoolId=pool_id, Filter=f'sub = "{sub}"', Limit=1)["Users"]
    return bool(found)


def _new_account(cognito, pool_id, row, password):
    """The sub of a new confirmed local account for the row; None if an account has its email already."""
    try:
        created = cognito.admin_create_user(
            UserPoolId=pool_id,
            Username=row["email"],
            MessageAction="SUPPRESS",
            UserAttributes=[
                {"Name": "email", "Value": row["email"]},
                {"Name": "email_verified", "Value": "true"},
                {"Name": "name", "Value": row["display_name"]},
                {"Name": "preferred_username", "Value": row["handle"]},
            ],
        )
    except cognito.exceptions.UsernameExistsException:
        return None
    cognito.admin_set_user_password(UserPoolId=pool_id, Username=row["email"], Password=password, Permanent=True)
    return next(a["Value"] for a in created["User"]["Attributes"] if a["Name"] == "sub")


def restore(cognito, pool_id, database_url, password):
    """Answers the emails of the accounts made again."""
    restored = []
    after = "00000000-0000-0000-0000-000000000000"
    with psycopg.connect(database_url, autocommit=True, row_factory=psycopg.rows.dict_row) as conn:
        while True:
            rows = conn.execute((SQL / "people_after.sql").read_text(), {"after": after, "page": PAGE}).fetchall()
            for row in rows:
                if _identity_exists(cognito, pool_id, row["cognito_user_id"]):
                    continue
                if row["superseded"]:
                    log.warning(
                        "@%s: a newer person has the email %s; this row gets no local account",
                        row["handle"],
                        row["email"],
                    )
                    continue
                sub = _new_account(cognito, pool_id, row, password)
                if sub is None:
                    log.warning(
                        "@%s: the local Cognito has another account for %s; left as it is", row["handle"], row["email"]
                    )
                    continue
                conn.execute(
                    (SQL / "point_at_identity.sql").read_text(),
                    {"uuid": row["uuid"], "old": row["cognito_user_id"], "new": sub},
                )
                restored.append(row["email"])
            if len(rows) < PAGE:
                return restored
            after = rows[-1]["uuid"]
