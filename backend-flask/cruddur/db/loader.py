"""The SQL files under cruddur/db/sql, one statement each, by name ("activities/home" is
sql/activities/home.sql), as psycopg runs them."""

import re
from pathlib import Path

SQL_DIR = Path(__file__).parent / "sql"

# `:name` is a psql variable, so each file runs as is in psql after `\set name value`; `::type` casts
# and anything inside '...' literals are left alone, as psql leaves them.
_PARAMETER = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")
_STRING_LITERAL = re.compile(r"('(?:[^']|'')*')")


def _with_parameters(code):
    return _PARAMETER.sub(r"%(\1)s", code.replace("%", "%%"))


def to_psycopg(sql_text):
    # Comment lines stay in the files for people; without them a traced statement is named for its verb.
    statement = "\n".join(line for line in sql_text.splitlines() if not line.lstrip().startswith("--")).strip()
    parts = _STRING_LITERAL.split(statement)
    return "".join(part.replace("%", "%%") if index % 2 else _with_parameters(part) for index, part in enumerate(parts))


def _query_files(root):
    return {path.relative_to(root).with_suffix("").as_posix(): path.read_text() for path in sorted(root.rglob("*.sql"))}


def load_queries(root=SQL_DIR):
    return {name: to_psycopg(text) for name, text in _query_files(root).items()}
