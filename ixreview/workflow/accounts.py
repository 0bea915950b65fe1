"""Accounts, one function per user action: a facade over `sessions` and `account_management`.

This module only re-exports, so callers keep using `accounts.sign_in`,
`accounts.add_user` etc.:

- `sessions`: signing in and out, the lock after failed passwords, asking for
  the password again before signing or unlocking, the idle lock on record;
- `account_management`: the first administrator and the organization's CA,
  adding and deactivating users, changing a password, the signing credential.

Every call re-reads the account, so a user deactivated or locked meanwhile can
do nothing more; every sign-in, failure, lock and account change is audited
(ids and roles only: audit details never carry names or other PHI).
"""

from __future__ import annotations

from ixreview.workflow.account_management import (
    Account,
    add_user,
    ca_copy,
    change_password,
    create_first_admin,
    deactivate_user,
    list_users,
    needs_first_admin,
    signing_credential,
)
from ixreview.workflow.sessions import (
    DEFAULT_SECURITY,
    Security,
    Session,
    active_user,
    confirm_password,
    record_idle_lock,
    role_of,
    sign_in,
    sign_out,
    unlock,
)

__all__ = [
    "DEFAULT_SECURITY",
    "Account",
    "Security",
    "Session",
    "active_user",
    "add_user",
    "ca_copy",
    "change_password",
    "confirm_password",
    "create_first_admin",
    "deactivate_user",
    "list_users",
    "needs_first_admin",
    "record_idle_lock",
    "role_of",
    "sign_in",
    "sign_out",
    "signing_credential",
    "unlock",
]
