"""The team server's schema (schema `ixreview`) and its forward migrations.

The tables mirror the desk's SQLite schema column for column (times are the
same fixed-shape UTC ISO text, compared byte-wise under COLLATE "C"), so the
repositories' SQL and every record type are the same on both backends. What
differs is where the engines differ:

- names are searched by word prefix in `request_words` (the words of the folded
  name, kept by a trigger; B-tree), instead of FTS5;
- the audit chain is appended by the server (`audit_append`, under an advisory
  lock) and checked by the server (`audit_verify`): SHA-256 over the entry's
  jsonb text followed by the previous hash;
- immutability is both triggers (for everyone, the owner included) and grants
  (see roles.py: desks hold no UPDATE/DELETE/TRUNCATE on the record);
- one original determination per request is a unique index, so however many
  desks decide at once a decision makes exactly one determination.
- HL7 Da Vinci PAS Bundles and their metrics (migration 6) are in pas_schema.py:
  the desk's schema 5 with the same guards as the rest of the record.

The SQL of each migration is in schema_base.py (1), schema_updates.py (2-5) and
pas_schema.py (6); this module runs them.

`ixreview.schema_meta.version` counts the migrations applied; each runs in one
transaction with its version bump, under an advisory lock, and a database newer
than the program is refused.
"""

from __future__ import annotations

from collections.abc import Callable

import psycopg

from ixreview.store.errors import SchemaTooNewError
from ixreview.store.postgres.pas_schema import PAS_V6
from ixreview.store.postgres.schema_base import MIGRATION_LOCK, PRELUDE, V1, WRITE_LOCK
from ixreview.store.postgres.schema_updates import V2, V3, V4, V5

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "WRITE_LOCK",
    "check_not_newer",
    "migrate",
    "schema_version",
]

Migration = Callable[[psycopg.Connection[tuple[object, ...]]], None]


def _v1(conn: psycopg.Connection[tuple[object, ...]]) -> None:
    conn.execute(PRELUDE)
    conn.execute(V1)


def _v2(conn: psycopg.Connection[tuple[object, ...]]) -> None:
    conn.execute(V2)


def _v3(conn: psycopg.Connection[tuple[object, ...]]) -> None:
    conn.execute(V3)


def _v4(conn: psycopg.Connection[tuple[object, ...]]) -> None:
    conn.execute(V4)


def _v5(conn: psycopg.Connection[tuple[object, ...]]) -> None:
    conn.execute(V5)


def _v6(conn: psycopg.Connection[tuple[object, ...]]) -> None:
    """HL7 Da Vinci PAS: the Bundle kept as received and its metrics (pas_schema.py)."""
    conn.execute(PAS_V6)


# Append only: never edit or reorder a migration that has shipped.
MIGRATIONS: list[Migration] = [_v1, _v2, _v3, _v4, _v5, _v6]
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: psycopg.Connection[tuple[object, ...]]) -> int:
    """0 for a database without the ixreview schema."""
    row = conn.execute("SELECT to_regclass('ixreview.schema_meta') IS NOT NULL").fetchone()
    if not row or not row[0]:
        return 0
    version = conn.execute("SELECT version FROM ixreview.schema_meta").fetchone()
    return 0 if version is None else int(str(version[0]))


def check_not_newer(version: int) -> None:
    if version > SCHEMA_VERSION:
        raise SchemaTooNewError(
            f"The team server's database was written by a newer version of ixreview (schema "
            f"{version}; this program knows schema {SCHEMA_VERSION}). Install the newer "
            "ixreview to use it; it is never downgraded."
        )


def migrate(conn: psycopg.Connection[tuple[object, ...]], target: int = SCHEMA_VERSION) -> int:
    """Bring the database up to `target` (one transaction per step); returns the start."""
    start = schema_version(conn)
    check_not_newer(start)
    while True:
        with conn.transaction():
            conn.execute(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
            current = schema_version(conn)  # another desk may have migrated meanwhile
            check_not_newer(current)
            if current >= target:
                return start
            if current == 0:
                conn.execute("CREATE SCHEMA IF NOT EXISTS ixreview")
                conn.execute("CREATE TABLE ixreview.schema_meta (version integer NOT NULL)")
                conn.execute("INSERT INTO ixreview.schema_meta VALUES (0)")
            conn.execute("SET LOCAL search_path = ixreview, public")
            MIGRATIONS[current](conn)
            conn.execute("UPDATE ixreview.schema_meta SET version = %s", (current + 1,))
