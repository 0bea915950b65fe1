"""Accounts on the team server: every write goes through the server's functions.

`user_create` and `user_update` (schema.py) decide what a desk's connection may
change; this repository keeps the desk's rules and audit entries (it is the
desk's UserRepository) and only swaps the two writes.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from ixreview.store.clock import utc_iso
from ixreview.store.errors import InvalidRecordError, NotFoundError
from ixreview.store.models import AuditAction, Role, User
from ixreview.store.users import UPDATABLE, AttemptClaim, UserRepository

# One statement: lock the account's row (FOR UPDATE), then count the attempt from
# the values read under that lock. Concurrent claims on one account queue on the
# row, each sees the previous one's count, and no other account or write waits
# (the server's write lock is not taken). Times are fixed-shape UTC ISO text, so
# comparing them byte-wise (COLLATE "C") compares the instants.
_CLAIM = """
WITH old AS (
    SELECT id, failed_attempts AS f, locked_until AS lu
    FROM ixreview.users WHERE id = %(id)s FOR UPDATE
), step AS (
    SELECT id,
        (lu IS NOT NULL AND %(now)s < lu) AS held,
        CASE WHEN lu IS NOT NULL THEN 0 ELSE f END AS base
    FROM old
)
UPDATE ixreview.users u SET
    failed_attempts = CASE WHEN s.held THEN u.failed_attempts
        WHEN s.base >= %(max)s THEN s.base ELSE s.base + 1 END,
    locked_until = CASE WHEN s.held THEN u.locked_until
        WHEN s.base + 1 >= %(max)s THEN %(until)s ELSE NULL END
FROM step s
WHERE u.id = s.id
RETURNING (NOT s.held AND s.base < %(max)s), u.failed_attempts, u.locked_until
"""


def _json_value(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, bool):
        return 1 if value else 0
    return value


class PgUserRepository(UserRepository):
    def create(
        self,
        username: str,
        full_name: str,
        role: Role | str,
        *,
        credentials: str = "",
        npi: str | None = None,
        p2p_phone: str | None = None,
        password_hash: str | None = None,
        actor: int | None = None,
    ) -> User:
        username = username.strip()
        if not username:
            raise InvalidRecordError("username: must not be empty")
        if self.by_username(username) is not None:
            raise InvalidRecordError(f'username: "{username}" is already taken')
        role = Role(role)
        store = self._store
        with store.transaction():
            row = store.conn.execute(
                "SELECT ixreview.user_create(?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    username,
                    full_name,
                    credentials,
                    role.value,
                    npi,
                    p2p_phone,
                    password_hash,
                    utc_iso(store.now()),
                ),
            ).fetchone()
            assert row is not None
            user_id = int(row[0])
            store.audit.append(
                AuditAction.CREATED, "user", user_id, actor=actor, details={"role": role.value}
            )
        return self.get(user_id)

    def claim_attempt(
        self, user_id: int, *, now: datetime, max_failures: int, lock_for: timedelta
    ) -> AttemptClaim:
        """The desk's contract (UserRepository.claim_attempt) in one server statement
        under the account's row lock: parallel desks never get more than
        `max_failures` password checks between two locks."""
        row = self._store.raw.execute(  # type: ignore[attr-defined]
            _CLAIM,
            {
                "id": user_id,
                "now": utc_iso(now),
                "max": max_failures,
                "until": utc_iso(now + lock_for),
            },
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no user with id {user_id}")
        allowed, failures, until = row
        return AttemptClaim(
            bool(allowed), int(failures), datetime.fromisoformat(until) if until else None
        )

    def clear_attempts(self, user_id: int) -> None:
        """A right password: one statement, under the account's row lock only."""
        self._store.raw.execute(  # type: ignore[attr-defined]
            "UPDATE ixreview.users SET failed_attempts = 0, locked_until = NULL WHERE id = %s",
            (user_id,),
        )

    def update(self, user_id: int, *, actor: int | None = None, **changes: Any) -> User:
        from psycopg.types.json import Jsonb

        unknown = set(changes) - UPDATABLE
        if unknown:
            raise InvalidRecordError(f"users cannot change {sorted(unknown)} this way")
        if not changes:
            return self.get(user_id)
        if "role" in changes:
            changes["role"] = Role(changes["role"]).value
        columns = sorted(changes)
        store = self._store
        with store.transaction():
            self.get(user_id)
            store.raw.execute(  # type: ignore[attr-defined]
                "SELECT ixreview.user_update(%s, %s)",
                (user_id, Jsonb({c: _json_value(changes[c]) for c in columns})),
            )
            action = AuditAction.CHANGED
            if columns == ["active"] and not changes["active"]:
                action = AuditAction.DEACTIVATED
            store.audit.append(action, "user", user_id, actor=actor, details={"fields": columns})
        return self.get(user_id)
