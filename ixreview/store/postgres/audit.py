"""The audit log on the team server: appended and verified by the server.

Desks hold no INSERT, UPDATE, DELETE or TRUNCATE on `audit_log`; they call
`audit_append`, a SECURITY DEFINER function that takes the write lock
(pg_advisory_xact_lock), numbers the entry, stamps the server's time beside the
desk's, and chains it: hash = SHA-256 (hex) of the UTF-8 text of the entry as
jsonb (seq, at, recorded_at, actor, action, object, details) followed by the
previous hash. `audit_verify` recomputes the chain on the server. The desk's
keyed chain (HMAC, store/audit.py) is not used here: on the server the chain's
protection is that no desk can write the table at all; the hash shows what the
owner or a superuser changed behind the grants' back.
"""

from __future__ import annotations

import getpass
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import psycopg
from psycopg.types.json import Jsonb

from ixreview.store.clock import utc_iso
from ixreview.store.models import AuditEntry, ChainReport

if TYPE_CHECKING:
    from ixreview.store.postgres.store import PostgresStore

CHECKPOINT_FORMAT = "ixreview-server-audit-checkpoint/1"
_COLUMNS = "seq, at, actor_id, action, object_type, object_id, details, prev_hash, hash"


def os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers)
        return "unknown"


def _entry(row: tuple[Any, ...]) -> AuditEntry:
    seq, at, actor, action, object_type, object_id, details, prev_hash, digest = row
    return AuditEntry(
        seq=int(seq),
        at=at,
        actor_id=None if actor is None else int(actor),
        action=action,
        object_type=object_type,
        object_id=object_id,
        details=dict(details),
        prev_hash=prev_hash,
        hash=digest,
    )


class PgAuditLog:
    def __init__(self, store: PostgresStore) -> None:
        self._store = store

    def append(
        self,
        action: str,
        object_type: str,
        object_id: int | str | None,
        *,
        actor: int | None,
        details: Mapping[str, Any] | None = None,
        at: str | None = None,
    ) -> AuditEntry:
        """Add one entry through the server, inside the caller's transaction if any.

        `at` (the desk's time of the event) defaults to the store clock; transfer
        passes the original time of a desk's entry.
        """
        body = dict(details or {})
        if actor is None:
            body.setdefault("os_user", os_user())
        stamp = at or utc_iso(self._store.now())
        oid = None if object_id is None else str(object_id)
        try:
            with self._store.transaction():
                row = self._store.raw.execute(
                    f"SELECT {_COLUMNS} FROM ixreview.audit_append(%s, %s, %s, %s, %s, %s)",
                    (stamp, actor, action, object_type, oid, Jsonb(body)),
                ).fetchone()
        except psycopg.errors.InvalidParameterValue as exc:
            raise ValueError(exc.diag.message_primary or str(exc)) from None
        assert row is not None
        return _entry(row)

    def entries(
        self, *, object_type: str | None = None, object_id: int | str | None = None
    ) -> list[AuditEntry]:
        sql = f"SELECT {_COLUMNS} FROM ixreview.audit_log"
        params: list[Any] = []
        if object_type is not None:
            sql += " WHERE object_type = %s AND object_id = %s"
            params = [object_type, None if object_id is None else str(object_id)]
        return [_entry(r) for r in self._store.raw.execute(sql + " ORDER BY seq", params)]

    def head(self) -> tuple[int, str]:
        row = self._store.raw.execute(
            "SELECT seq, hash FROM ixreview.audit_log ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        return (0, "0" * 64) if row is None else (int(row[0]), str(row[1]))

    def checkpoint(self, at: str) -> dict[str, Any]:
        """The head of the server's chain, to keep away from the server (the team
        server's `audit checkpoint`). The chain is named by its first entry's hash.

        No key is needed: every hash covers the whole chain before it, so whoever
        rewrites entries up to the head (the owner or a superuser, behind the grants,
        recomputing every hash so that `audit_verify` still agrees) cannot give the
        entry at `seq` the hash kept here without a SHA-256 collision."""
        seq, head = self.head()
        return {
            "format": CHECKPOINT_FORMAT,
            "chain": self._first_hash(),
            "seq": seq,
            "hash": None if seq == 0 else head,
            "at": at,
        }

    def check_checkpoint(self, doc: Mapping[str, Any]) -> str | None:
        """None when the server's chain still holds the checkpoint's head; else why not."""
        if doc.get("format") != CHECKPOINT_FORMAT:
            return "not a team server audit checkpoint"
        when = f"the checkpoint of {doc.get('at')}"
        if doc.get("chain") != self._first_hash():
            return f"{when} belongs to another audit log (or its first entry was replaced)"
        seq = doc.get("seq")
        if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
            return f"{when} is damaged (seq)"
        if seq == 0:
            return None
        row = self._store.raw.execute(
            "SELECT hash FROM ixreview.audit_log WHERE seq = %s", (seq,)
        ).fetchone()
        if row is None:
            return f"entry {seq}, the head at {when}, is gone: entries were removed"
        if row[0] != doc.get("hash"):
            return f"entry {seq} no longer has the hash {when} kept: the log was rewritten"
        return None

    def _first_hash(self) -> str | None:
        row = self._store.raw.execute(
            "SELECT hash FROM ixreview.audit_log ORDER BY seq LIMIT 1"
        ).fetchone()
        return None if row is None else str(row[0])

    def verify(self) -> ChainReport:
        row = self._store.raw.execute(
            "SELECT ok, entries, head_hash, bad_seq, reason FROM ixreview.audit_verify()"
        ).fetchone()
        assert row is not None
        ok, entries, head, bad, reason = row
        return ChainReport(bool(ok), int(entries), head, None if bad is None else int(bad), reason)
