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

    def verify(self) -> ChainReport:
        row = self._store.raw.execute(
            "SELECT ok, entries, head_hash, bad_seq, reason FROM ixreview.audit_verify()"
        ).fetchone()
        assert row is not None
        ok, entries, head, bad, reason = row
        return ChainReport(bool(ok), int(entries), head, None if bad is None else int(bad), reason)
