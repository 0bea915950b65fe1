"""Where the database lives and how a connection to it is opened.

The file holds PHI, so it and its WAL/shared-memory companions are readable
by their owner only (0600), and a directory we create for it is 0700.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from platformdirs import user_data_dir

DB_ENV = "IXREVIEW_DB"
DB_FILENAME = "ixreview.sqlite3"
BUSY_TIMEOUT_MS = 10_000
_COMPANIONS = ("", "-wal", "-shm")


def default_db_path() -> Path:
    return Path(user_data_dir("ixreview", appauthor=False)) / DB_FILENAME


SERVER_URL_PREFIXES = ("postgresql://", "postgres://")


def is_server_url(target: object) -> bool:
    """A team server's address (postgresql://USER@HOST/DB) rather than a file path."""
    return isinstance(target, str) and target.startswith(SERVER_URL_PREFIXES)


def resolve_db_target(target: Path | str | None) -> Path | str:
    """A team server URL as given (from the argument or $IXREVIEW_DB), else the file path."""
    if is_server_url(target):
        return str(target)
    if target is None and is_server_url(os.environ.get(DB_ENV)):
        return os.environ[DB_ENV]
    return resolve_db_path(None if target is None else Path(target))


def resolve_db_path(path: Path | None) -> Path:
    """The argument, else $IXREVIEW_DB, else the platform's user data directory."""
    if path is not None:
        return Path(path)
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env)
    return default_db_path()


def restrict_permissions(path: Path) -> None:
    """Owner-only access for the database file and its -wal / -shm companions."""
    for suffix in _COMPANIONS:
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            os.chmod(companion, 0o600)


def connect(path: Path) -> sqlite3.Connection:
    """A connection in driver autocommit mode: the store issues BEGIN itself."""
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700)
    if not path.exists():
        # Create the file ourselves so it is never world-readable, not even briefly;
        # SQLite gives the -wal and -shm files the database file's mode.
        fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
        os.close(fd)
    conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        conn.close()
        raise sqlite3.OperationalError(f"cannot switch {path.name} to WAL mode (got {mode})")
    conn.execute("PRAGMA foreign_keys = ON")
    # FULL: a save the reviewer was told about survives a power cut, not only a crash.
    conn.execute("PRAGMA synchronous = FULL")
    restrict_permissions(path)
    return conn
