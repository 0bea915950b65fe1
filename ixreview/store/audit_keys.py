"""The audit chain's key: kept in an owner-only file outside the database.

Someone holding only the database file can edit an entry and recompute a plain
SHA-256 chain; they cannot recompute an HMAC without this key. One key per
database, named by the database's identity (setting `store.id`, a random UUID
written when the key is made), in `<config dir>/audit-keys/<store id>.json`:

    {"store_id": "...", "key_hex": "...", "keyed_from": 1, "db_path": "..."}

`keyed_from` is the first entry under the key. Entries before it are a legacy
plain SHA-256 chain (databases from before keying); the first keyed entry
(action `audit_keyed`) records the legacy head, so a legacy entry edited later
no longer matches the head the keyed chain carries.

The config directory is `$IXREVIEW_CONFIG_DIR`, else the platform's user config
directory (the same place as the pinned trust root, `workflow/trust.py`). Copy
the key file with a backup that is restored on another machine.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_config_dir

from ixreview.store.errors import StoreError

CONFIG_ENV = "IXREVIEW_CONFIG_DIR"
STORE_ID_SETTING = "store.id"


def config_dir() -> Path:
    """Where ixreview keeps files no database may change (keys, the trust root)."""
    env = os.environ.get(CONFIG_ENV)
    return Path(env) if env else Path(user_config_dir("ixreview", appauthor=False))


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` readable by its owner only (directory 0700), atomically."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


@dataclass(frozen=True)
class AuditKey:
    store_id: str
    key: bytes
    keyed_from: int  # first sequence number chained with the key
    path: Path


class AuditKeyMissing(StoreError):
    """The database's audit log is keyed but its key file is not here."""


def store_id(conn: sqlite3.Connection) -> str | None:
    row = conn.execute(
        "SELECT value_json FROM settings WHERE key = ?", (STORE_ID_SETTING,)
    ).fetchone()
    if row is None:
        return None
    value = json.loads(row[0])
    return value if isinstance(value, str) else None


def key_path(sid: str) -> Path:
    safe = "".join(c for c in sid if c.isalnum() or c == "-")[:64] or "invalid"
    return config_dir() / "audit-keys" / f"{safe}.json"


def load_key(conn: sqlite3.Connection) -> AuditKey | None:
    """The database's key, or None when the database was never keyed on this machine.

    Raises `AuditKeyMissing` when the database names an identity whose key file
    is absent (keyed elsewhere, or the key was lost) or unreadable.
    """
    sid = store_id(conn)
    if sid is None:
        return None
    path = key_path(sid)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return AuditKey(sid, bytes.fromhex(data["key_hex"]), int(data["keyed_from"]), path)
    except FileNotFoundError:
        raise AuditKeyMissing(
            f"the audit key of this database is missing (expected {path}); restore it "
            "from the backup that holds it: without it the audit chain cannot be checked "
            "or extended"
        ) from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise AuditKeyMissing(f"the audit key file {path} cannot be read ({exc})") from None


def create_key(conn: sqlite3.Connection, keyed_from: int, db_path: Path | None) -> AuditKey:
    """Make a new key for this database and record its identity (caller's transaction).

    Only for a log with no keyed entries: `AuditLog` never calls it for a database
    whose chain is already keyed (that needs its own key file back).
    """
    sid = str(uuid.uuid4())
    key = secrets.token_bytes(32)
    path = key_path(sid)
    record = {
        "store_id": sid,
        "key_hex": key.hex(),
        "keyed_from": keyed_from,
        "db_path": None if db_path is None else str(Path(db_path).resolve()),
    }
    write_private(path, json.dumps(record, indent=2).encode("utf-8"))
    conn.execute(
        "INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, datetime('now'))"
        " ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json",
        (STORE_ID_SETTING, json.dumps(sid)),
    )
    return AuditKey(sid, key, keyed_from, path)
