"""The append-only, hash-chained audit log.

Each entry's hash is SHA-256 over its canonical JSON (seq, time, actor, action,
object, details) followed by the previous entry's hash, so editing, removing or
reordering any entry breaks the chain from that point on. Triggers refuse
UPDATE and DELETE; the chain catches what gets past them (a dropped trigger, a
hex editor). Removing the newest entries can only be seen against a copy of
the head hash kept elsewhere, which `verify` reports for that purpose.

Details never hold PHI: entries name records by internal id, and the keys
below are refused outright.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import re
import sqlite3
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ixreview.store.clock import utc_iso
from ixreview.store.models import AuditEntry, ChainReport

if TYPE_CHECKING:
    from ixreview.store.store import Store

GENESIS_HASH = "0" * 64
_ACTION = re.compile(r"^[a-z][a-z_]{1,39}$")
_PHI_KEYS = frozenset(
    {
        "member",
        "member_id",
        "member_name",
        "name",
        "first_name",
        "last_name",
        "birth_date",
        "dob",
        "address",
        "reference",
        "diagnosis",
        "labs",
    }
)


def canonical(entry: Mapping[str, Any]) -> bytes:
    """The exact bytes hashed for an entry (everything but the hashes)."""
    body = {
        "seq": entry["seq"],
        "at": entry["at"],
        "actor_id": entry["actor_id"],
        "action": entry["action"],
        "object_type": entry["object_type"],
        "object_id": entry["object_id"],
        "details": entry["details"],
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def entry_hash(entry: Mapping[str, Any], prev_hash: str) -> str:
    return hashlib.sha256(canonical(entry) + prev_hash.encode("ascii")).hexdigest()


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers)
        return "unknown"


class AuditLog:
    def __init__(self, store: Store) -> None:
        self._store = store

    def append(
        self,
        action: str,
        object_type: str,
        object_id: int | str | None,
        *,
        actor: int | None,
        details: Mapping[str, Any] | None = None,
    ) -> AuditEntry:
        """Add one entry, inside the caller's transaction if there is one."""
        if not _ACTION.match(action):
            raise ValueError(f'audit action "{action}" must be a short lowercase word')
        body = dict(details or {})
        leaked = _PHI_KEYS.intersection(body)
        if leaked:
            raise ValueError(f"audit details must not carry PHI (keys {sorted(leaked)})")
        if actor is None:
            # No signed-in user (the command line): name the operating-system account.
            body.setdefault("os_user", _os_user())
        with self._store.transaction():
            conn = self._store.conn
            last = conn.execute(
                "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"
            ).fetchone()
            seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
            entry: dict[str, Any] = {
                "seq": seq,
                "at": utc_iso(self._store.now()),
                "actor_id": actor,
                "action": action,
                "object_type": object_type,
                "object_id": None if object_id is None else str(object_id),
                "details": body,
            }
            digest = entry_hash(entry, prev)
            conn.execute(
                "INSERT INTO audit_log (seq, at, actor_id, action, object_type, object_id,"
                " details_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    seq,
                    entry["at"],
                    actor,
                    action,
                    object_type,
                    entry["object_id"],
                    json.dumps(body, sort_keys=True, ensure_ascii=False),
                    prev,
                    digest,
                ),
            )
        return AuditEntry(
            seq=seq,
            at=entry["at"],
            actor_id=actor,
            action=action,
            object_type=object_type,
            object_id=entry["object_id"],
            details=body,
            prev_hash=prev,
            hash=digest,
        )

    def entries(
        self, *, object_type: str | None = None, object_id: int | str | None = None
    ) -> list[AuditEntry]:
        sql = "SELECT * FROM audit_log"
        params: list[Any] = []
        if object_type is not None:
            sql += " WHERE object_type = ? AND object_id = ?"
            params = [object_type, None if object_id is None else str(object_id)]
        rows = self._store.conn.execute(sql + " ORDER BY seq", params)
        return [_entry(r) for r in _dict_rows(rows)]

    def verify(self) -> ChainReport:
        return verify_chain(self._store.conn)


def _dict_rows(cursor: sqlite3.Cursor) -> Iterator[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    for row in cursor:
        yield dict(zip(names, row, strict=True))


def _entry(row: Mapping[str, Any]) -> AuditEntry:
    return AuditEntry(
        seq=row["seq"],
        at=row["at"],
        actor_id=row["actor_id"],
        action=row["action"],
        object_type=row["object_type"],
        object_id=row["object_id"],
        details=json.loads(row["details_json"]),
        prev_hash=row["prev_hash"],
        hash=row["hash"],
    )


def verify_chain(conn: sqlite3.Connection) -> ChainReport:
    """Walk the log in seq order; report the first entry that breaks the chain."""
    cursor = conn.execute("SELECT * FROM audit_log ORDER BY seq")
    expected_seq, prev_hash, count = 1, GENESIS_HASH, 0
    for row in _dict_rows(cursor):
        seq = row["seq"]
        if seq != expected_seq:
            return ChainReport(
                False,
                count,
                prev_hash,
                expected_seq,
                f"entry {expected_seq} is missing (the next entry is {seq}): entries were removed",
            )
        if row["prev_hash"] != prev_hash:
            return ChainReport(
                False,
                count,
                prev_hash,
                seq,
                f"entry {seq} does not follow entry {seq - 1}: "
                "an entry before it was removed, replaced or reordered",
            )
        try:
            details = json.loads(row["details_json"])
        except json.JSONDecodeError:
            return ChainReport(False, count, prev_hash, seq, f"entry {seq} is unreadable")
        computed = entry_hash({**row, "details": details}, prev_hash)
        if computed != row["hash"]:
            return ChainReport(
                False,
                count,
                prev_hash,
                seq,
                f"entry {seq} was altered: its content does not match its hash",
            )
        prev_hash = row["hash"]
        expected_seq += 1
        count += 1
    return ChainReport(True, count, None if count == 0 else prev_hash)
