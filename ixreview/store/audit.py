"""The append-only, keyed hash chain of the audit log.

Each entry's hash is `chain_hash(key, entry, prev_hash)`: HMAC-SHA256 under the
database's audit key (`audit_keys`: a file outside the database) over the entry's
canonical JSON (seq, time, actor, action, object, details) followed by the
previous entry's hash. Editing, removing or reordering any entry breaks the chain
from that point on, and someone holding only the database file cannot recompute
it. Triggers refuse UPDATE and DELETE; the chain catches what gets past them (a
dropped trigger, a hex editor). Removing the newest entries is seen against the
heads kept elsewhere: every signed letter carries the head at signing, and
`ixreview audit checkpoint` writes one to a file (`audit_check`).

Databases from before keying keep their plain SHA-256 entries (key None); the
first keyed entry (`audit_keyed`) carries the legacy head, see `audit_keys`.

Details never hold PHI: entries name records by internal id, and the keys
below are refused outright.
"""

from __future__ import annotations

import getpass
import hashlib
import hmac
import json
import re
import sqlite3
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ixreview.store.audit_keys import AuditKey, AuditKeyMissing, create_key, load_key
from ixreview.store.clock import utc_iso
from ixreview.store.errors import StoreError
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


def chain_hash(key: bytes | None, entry: Mapping[str, Any], prev_hash: str) -> str:
    """The one definition of an audit entry's hash, for every backend.

    message = `canonical(entry)` (UTF-8 JSON, sorted keys, no spaces, of seq, at,
    actor_id, action, object_type, object_id, details) + `prev_hash` (64 hex
    digits, ASCII; "0"*64 before the first entry). With a key: HMAC-SHA256(key,
    message) as 64 lowercase hex digits; with None: SHA-256(message) (legacy
    entries written before the log was keyed). The PostgreSQL team server calls
    this same function so both stores' chains verify the same way.
    """
    message = canonical(entry) + prev_hash.encode("ascii")
    if key is None:
        return hashlib.sha256(message).hexdigest()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def entry_hash(entry: Mapping[str, Any], prev_hash: str) -> str:
    """The legacy, unkeyed hash (`chain_hash(None, ...)`)."""
    return chain_hash(None, entry, prev_hash)


KEYED_ACTION = "audit_keyed"


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers)
        return "unknown"


class AuditLog:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._key: AuditKey | None = None

    def key(self) -> AuditKey:
        """The database's audit key, made on first use (and a legacy chain anchored)."""
        if self._key is not None:
            return self._key
        conn = self._store.conn
        found = load_key(conn)  # AuditKeyMissing: keyed elsewhere, or the key was lost
        if found is not None:
            self._key = found
            return found
        with self._store.transaction():
            last = conn.execute("SELECT coalesce(max(seq), 0) FROM audit_log").fetchone()[0]
            legacy = verify_chain(conn, key=None) if last else None
            if legacy is not None and not legacy.ok:
                raise StoreError(
                    f"the audit log (plain SHA-256, from before keying) is not intact at entry "
                    f"{legacy.bad_seq}: {legacy.reason}; it cannot be keyed until this is "
                    "explained (restore a sound backup)"
                )
            self._key = create_key(conn, last + 1, self._store.path)
            if legacy is not None:
                # Re-anchor: the first keyed entry carries the legacy head, so editing an
                # old entry and recomputing its plain chain no longer matches it.
                self.append(
                    KEYED_ACTION,
                    "audit_log",
                    None,
                    actor=None,
                    details={"legacy_entries": last, "legacy_head": legacy.head_hash},
                )
        return self._key

    def head(self) -> tuple[int, str]:
        """(seq, hash) of the newest entry; (0, GENESIS_HASH) for an empty log."""
        self.key()
        row = self._store.conn.execute(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        return (0, GENESIS_HASH) if row is None else (int(row[0]), str(row[1]))

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
            key = self.key()
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
            digest = chain_hash(key.key if seq >= key.keyed_from else None, entry, prev)
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


_LOOK_UP = object()


def verify_chain(conn: sqlite3.Connection, *, key: Any = _LOOK_UP) -> ChainReport:
    """Walk the log in seq order; report the first entry that breaks the chain.

    The key is looked up from the database's identity unless given (None: check
    every entry as a legacy plain SHA-256 chain).
    """
    audit_key: AuditKey | None
    if key is _LOOK_UP:
        try:
            audit_key = load_key(conn)
        except AuditKeyMissing as exc:
            return ChainReport(False, 0, None, None, str(exc))
    else:
        audit_key = key
    keyed_from = audit_key.keyed_from if audit_key else 0
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
        keyed = audit_key is not None and seq >= keyed_from
        computed = chain_hash(
            audit_key.key if keyed and audit_key else None, {**row, "details": details}, prev_hash
        )
        if not hmac.compare_digest(computed, row["hash"]):
            return ChainReport(
                False,
                count,
                prev_hash,
                seq,
                f"entry {seq} was altered: its content does not match its "
                + ("keyed hash (HMAC)" if keyed else "hash"),
            )
        if (
            keyed
            and seq == keyed_from
            and seq > 1
            and (row["action"] != KEYED_ACTION or details.get("legacy_head") != prev_hash)
        ):
            return ChainReport(
                False,
                count,
                prev_hash,
                seq,
                f"entry {seq - 1}, the last entry from before the log was keyed, is not the "
                "head the keyed chain recorded: older entries were altered",
            )
        prev_hash = row["hash"]
        expected_seq += 1
        count += 1
    if audit_key is not None and count + 1 < keyed_from:
        return ChainReport(
            False,
            count,
            prev_hash,
            count + 1,
            f"the log ends at entry {count} but was keyed from entry {keyed_from}: "
            "entries were removed",
        )
    return ChainReport(True, count, None if count == 0 else prev_hash)
