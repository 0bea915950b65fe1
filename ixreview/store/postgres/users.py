"""Accounts on the team server: every write goes through the server's functions.

`user_create` and `user_update` (schema.py) decide what a desk's connection may
change; this repository keeps the desk's rules and audit entries (it is the
desk's UserRepository) and only swaps the two writes.
"""

from __future__ import annotations

from typing import Any

from ixreview.store.clock import utc_iso
from ixreview.store.errors import InvalidRecordError
from ixreview.store.models import AuditAction, Role, User
from ixreview.store.users import UPDATABLE, UserRepository


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
