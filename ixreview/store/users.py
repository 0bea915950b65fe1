"""User accounts: create, read, update, deactivate. Never deleted.

Password hashing, lockout rules and signing keys are the workflow's business;
this repository only stores what it is given. Audit details name the fields
that changed, never their values (a password hash is nobody's business).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from ixreview.store.clock import utc_iso
from ixreview.store.errors import InvalidRecordError, NotFoundError
from ixreview.store.models import AuditAction, Role, User
from ixreview.store.rows import dict_rows, one, user_record

if TYPE_CHECKING:
    from ixreview.store.store import Store

UPDATABLE = frozenset(
    {
        "full_name",
        "credentials",
        "role",
        "npi",
        "p2p_phone",
        "password_hash",
        "active",
        "failed_attempts",
        "locked_until",
        "signing_key_encrypted",
        "certificate_pem",
    }
)


@dataclass(frozen=True)
class AttemptClaim:
    """The outcome of `UserRepository.claim_attempt`.

    `allowed`: the password may now be checked (the attempt is already counted as a
    failure). `failures`: the count after this claim. `locked_until`: the lock in
    force (refused), or the lock this attempt set because it is the last one allowed
    (a right password then lifts it).
    """

    allowed: bool
    failures: int
    locked_until: datetime | None


class UserRepository:
    def __init__(self, store: Store) -> None:
        self._store = store

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
        with self._store.transaction():
            cur = self._store.conn.execute(
                "INSERT INTO users (username, full_name, credentials, role, npi, p2p_phone,"
                " password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    username,
                    full_name,
                    credentials,
                    role.value,
                    npi,
                    p2p_phone,
                    password_hash,
                    utc_iso(self._store.now()),
                ),
            )
            user_id = int(cur.lastrowid or 0)
            self._store.audit.append(
                AuditAction.CREATED, "user", user_id, actor=actor, details={"role": role.value}
            )
        return self.get(user_id)

    def get(self, user_id: int) -> User:
        row = one(self._store.conn.execute("SELECT * FROM users WHERE id = ?", (user_id,)))
        if row is None:
            raise NotFoundError(f"no user with id {user_id}")
        return user_record(row)

    def by_username(self, username: str) -> User | None:
        row = one(
            self._store.conn.execute("SELECT * FROM users WHERE username = ?", (username.strip(),))
        )
        return None if row is None else user_record(row)

    def list(self, *, include_inactive: bool = False) -> list[User]:
        sql = "SELECT * FROM users" + ("" if include_inactive else " WHERE active = 1")
        return [user_record(r) for r in dict_rows(self._store.conn.execute(sql + " ORDER BY id"))]

    def update(self, user_id: int, *, actor: int | None = None, **changes: Any) -> User:
        """Change the named fields (see UPDATABLE); one transaction, one audit entry."""
        unknown = set(changes) - UPDATABLE
        if unknown:
            raise InvalidRecordError(f"users cannot change {sorted(unknown)} this way")
        if not changes:
            return self.get(user_id)
        if "role" in changes:
            changes["role"] = Role(changes["role"]).value
        if "active" in changes:
            changes["active"] = 1 if changes["active"] else 0
        columns = sorted(changes)  # names come from UPDATABLE, never from the caller
        assignments = ", ".join(f"{c} = ?" for c in columns)
        with self._store.transaction():
            self.get(user_id)
            self._store.conn.execute(
                f"UPDATE users SET {assignments} WHERE id = ?",
                [*(changes[c] for c in columns), user_id],
            )
            action = AuditAction.CHANGED
            if columns == ["active"]:
                action = AuditAction.CHANGED if changes["active"] else AuditAction.DEACTIVATED
            details: dict[str, Any] = {"fields": columns}
            if "role" in changes:  # not PHI; `audit verify` checks the role against it
                details["role"] = changes["role"]
            self._store.audit.append(action, "user", user_id, actor=actor, details=details)
        return self.get(user_id)

    def claim_attempt(
        self, user_id: int, *, now: datetime, max_failures: int, lock_for: timedelta
    ) -> AttemptClaim:
        """Count one password attempt as a failure *before* the slow check, atomically.

        The contract every backend keeps (SQLite here with BEGIN IMMEDIATE; PostgreSQL
        with SELECT ... FOR UPDATE in one transaction): read and write the account's
        count and lock in one serialized step, so however many processes try at once,
        no more than `max_failures` attempts are ever allowed between two locks.

        - a lock in force: refused, nothing changes;
        - a lock that expired: the count restarts at zero (five fresh attempts);
        - the count already at `max_failures`: refused and locked (from `now`);
        - otherwise the count goes up by one and the check is allowed; the attempt that
          reaches `max_failures` also sets the lock, which a right password lifts.

        No audit entry: the caller records the attempt's outcome once it is known.
        """
        with self._store.transaction():
            row = self._store.conn.execute(
                "SELECT failed_attempts, locked_until FROM users WHERE id = ?", (user_id,)
            ).fetchone()
            if row is None:
                raise NotFoundError(f"no user with id {user_id}")
            failures = int(row[0])
            until = datetime.fromisoformat(row[1]) if row[1] else None
            if until is not None and now < until:
                return AttemptClaim(False, failures, until)
            if until is not None:  # expired
                failures, until = 0, None
            if failures >= max_failures:
                until = now + lock_for
                allowed = False
            else:
                failures += 1
                allowed = True
                if failures >= max_failures:
                    until = now + lock_for
            self._store.conn.execute(
                "UPDATE users SET failed_attempts = ?, locked_until = ? WHERE id = ?",
                (failures, None if until is None else utc_iso(until), user_id),
            )
        return AttemptClaim(allowed, failures, until)

    def clear_attempts(self, user_id: int) -> None:
        """A right password: the count restarts and a lock this round set is lifted.

        No audit entry of its own; the caller records the sign-in (or the change).
        """
        with self._store.transaction():
            self._store.conn.execute(
                "UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?",
                (user_id,),
            )

    def deactivate(self, user_id: int, *, actor: int | None = None) -> User:
        return self.update(user_id, actor=actor, active=False)
