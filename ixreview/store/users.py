"""User accounts: create, read, update, deactivate. Never deleted.

Password hashing, lockout rules and signing keys are the workflow's business;
this repository only stores what it is given. Audit details name the fields
that changed, never their values (a password hash is nobody's business).
"""

from __future__ import annotations

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
            self._store.audit.append(
                action, "user", user_id, actor=actor, details={"fields": columns}
            )
        return self.get(user_id)

    def deactivate(self, user_id: int, *, actor: int | None = None) -> User:
        return self.update(user_id, actor=actor, active=False)
