"""Connecting to the team server, and the small adapter that lets the desk's
repositories run their SQL on it.

The repositories write portable SQL with `?` placeholders and read
`cursor.lastrowid`; `PgConnection.execute` turns `?` into psycopg's `%s` and
adds `RETURNING id` to an INSERT into a table with an id, so the same
repository code (and so the same rules) serves both backends. Their SQL never
holds a `?` or `%` inside a literal; `_placeholders` refuses one that does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict

from ixreview.store.connection import is_server_url

__all__ = ["PgConnection", "Result", "connect", "is_server_url", "redact"]

_ID_TABLES = frozenset({"users", "requests", "reviews", "determinations", "letters"})
_INSERT = re.compile(r"^\s*INSERT\s+INTO\s+(\w+)", re.IGNORECASE)

PgConn = psycopg.Connection[tuple[Any, ...]]
CONNECT_SECONDS = 10


def redact(url: str) -> str:
    """The URL without a password, for messages."""
    return re.sub(r"(://[^:/@]*):[^@]*@", r"\1:***@", url)


def connect(url: str, *, application_name: str = "ixreview") -> PgConn:
    """An autocommit connection (the store issues its own transactions) on the
    ixreview schema; times and text sort byte-wise regardless of the server locale."""
    # libpq waits for an unanswering host as long as TCP does (minutes), with the desk's
    # sign-in window frozen meanwhile; a URL's own connect_timeout is kept.
    params: dict[str, Any] = {"application_name": application_name}
    if "connect_timeout" not in conninfo_to_dict(url):
        params["connect_timeout"] = CONNECT_SECONDS
    conn = psycopg.connect(url, autocommit=True, **params)
    conn.execute("SET search_path = ixreview, public")
    conn.execute("SET TIME ZONE 'UTC'")
    return conn


def _placeholders(sql: str) -> str:
    if any("?" in lit or "%" in lit for lit in sql.split("'")[1::2]):
        raise ValueError("repository SQL must bind values, not quote them")
    return sql.replace("%", "%%").replace("?", "%s")


class Result:
    """The slice of sqlite3.Cursor the repositories use."""

    def __init__(self, cursor: psycopg.Cursor[tuple[Any, ...]], lastrowid: int | None) -> None:
        self._cursor = cursor
        self.lastrowid = lastrowid
        self.rowcount = cursor.rowcount
        self.description = [(c.name,) for c in cursor.description] if cursor.description else None

    def fetchone(self) -> tuple[Any, ...] | None:
        if self.description is None:
            return None
        return self._cursor.fetchone()

    def fetchall(self) -> list[tuple[Any, ...]]:
        return [] if self.description is None else self._cursor.fetchall()

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        if self.description is not None:
            yield from self._cursor


class PgConnection:
    """`execute(sql, params)` with sqlite3's placeholder style, over one psycopg connection."""

    def __init__(self, conn: PgConn) -> None:
        self.raw = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Result:
        match = _INSERT.match(sql)
        returning = (
            match is not None
            and match.group(1).lower() in _ID_TABLES
            and "RETURNING" not in sql.upper()
        )
        text = _placeholders(sql) + (" RETURNING id" if returning else "")
        cursor = self.raw.cursor()
        cursor.execute(text, list(params))  # built from constants
        lastrowid = None
        if returning:
            row = cursor.fetchone()
            lastrowid = None if row is None else int(row[0])
            cursor = self.raw.cursor()  # nothing left to read on this statement
        return Result(cursor, lastrowid)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self.raw.cursor() as cursor:
            cursor.executemany(_placeholders(sql), [list(r) for r in rows])

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != psycopg.pq.TransactionStatus.IDLE

    def close(self) -> None:
        self.raw.close()
