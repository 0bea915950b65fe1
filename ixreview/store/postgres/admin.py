"""Preparing a team server: `ixreview server init URL [--sql]`.

`init_server` migrates the schema (creating it on an empty database) and then
applies the roles, grants and row-level security of roles.py, all idempotent,
so it is also how a server is brought up to a new ixreview version. `init_sql`
is the same as one SQL script for an administrator who prefers to run it with
psql.
"""

from __future__ import annotations

from ixreview.store.postgres.connection import connect
from ixreview.store.postgres.pas_schema import PAS_V6
from ixreview.store.postgres.roles import GRANTS
from ixreview.store.postgres.schema import SCHEMA_VERSION, migrate
from ixreview.store.postgres.schema_base import PRELUDE, V1
from ixreview.store.postgres.schema_updates import V2, V3, V4, V5

_STEPS = [PRELUDE + V1, V2, V3, V4, V5, PAS_V6]


def init_server(url: str) -> tuple[int, int]:
    """Schema and grants on the database at `url`; returns (version before, after)."""
    conn = connect(url, application_name="ixreview server init")
    try:
        before = migrate(conn)
        with conn.transaction():
            conn.execute(GRANTS)
        return before, SCHEMA_VERSION
    finally:
        conn.close()


def init_sql() -> str:
    """A script that takes an empty database to the current schema with its grants."""
    assert len(_STEPS) == SCHEMA_VERSION, "every migration has its SQL here"
    parts = [
        "-- ixreview team server: schema, roles and grants. Run as the owner with\n"
        "-- psql --single-transaction -v ON_ERROR_STOP=1 -f this-file.sql DBNAME\n",
        "CREATE SCHEMA ixreview;",
        "CREATE TABLE ixreview.schema_meta (version integer NOT NULL);",
        "INSERT INTO ixreview.schema_meta VALUES (0);",
        "SET search_path = ixreview, public;",
    ]
    for number, sql in enumerate(_STEPS, start=1):
        parts.append(f"-- migration {number}\n{sql.strip()}")
        parts.append(f"UPDATE ixreview.schema_meta SET version = {number};")
    parts.append("-- roles, grants and row-level security\n" + GRANTS.strip())
    return "\n\n".join(parts) + "\n"
