"""Signing in and out, the lock after failed passwords, and asking for the password again.

Every call re-reads the account, so a user deactivated or locked meanwhile can
do nothing more. Every sign-in, failure and lock is written to the audit log
(ids and roles only: audit details never carry names or other PHI).

Passwords are hashed with Argon2id (`passwords`); `Security.hasher` exists so
tests can run with cheap parameters. Production code never passes one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NoReturn

from argon2 import PasswordHasher

from ixreview.store import NotFoundError, Store, User
from ixreview.store import Role as StoreRole
from ixreview.store.clock import utc_iso
from ixreview.store.users import AttemptClaim
from ixreview.workflow import passwords, trust
from ixreview.workflow.errors import (
    AccountInactive,
    AccountLocked,
    AuthenticationFailed,
    NotFound,
)
from ixreview.workflow.lockout import LockoutPolicy, LoginState
from ixreview.workflow.roles import Role

STORE_ROLES = {
    Role.NURSE_REVIEWER: StoreRole.NURSE,
    Role.PHYSICIAN_REVIEWER: StoreRole.PHYSICIAN,
    Role.ADMINISTRATOR: StoreRole.ADMIN,
}
_FROM_STORE = {v: k for k, v in STORE_ROLES.items()}


@dataclass(frozen=True)
class Security:
    """Hashing and lockout knobs; the defaults are the production ones."""

    hasher: PasswordHasher | None = None  # None: argon2-cffi's Argon2id defaults
    lockout: LockoutPolicy = field(default_factory=LockoutPolicy)


DEFAULT_SECURITY = Security()


@dataclass(frozen=True)
class Session:
    """Who is signed in. Operations re-check the account on every call."""

    user_id: int
    username: str
    role: Role
    signed_in_at: datetime
    notice: str | None = None  # to show once: e.g. the pinned trust root changed



def role_of(user: User) -> Role:
    return _FROM_STORE[StoreRole(user.role)]


def parse_time(text: str | None) -> datetime | None:
    return None if not text else datetime.fromisoformat(text)


def _login_state(user: User) -> LoginState:
    return LoginState(user.failed_attempts, parse_time(user.locked_until))


def _locked_message(until: datetime) -> str:
    local = until.astimezone()
    return (
        "this account is locked after too many failed sign-ins; try again after "
        f"{local:%H:%M} ({local:%Y-%m-%d}) or ask an administrator"
    )


# -- signing in -------------------------------------------------------------------


def sign_in(
    store: Store, username: str, password: str, *, security: Security = DEFAULT_SECURITY
) -> Session:
    """Check the password; audited as sign_in, sign_in_failed and locked."""
    now = store.now()
    user = store.users.by_username(username.strip())
    if user is None:
        # Spend the same time as a real check, so timing does not reveal user names.
        passwords.verify_password(passwords.dummy_hash(security.hasher), password, security.hasher)
        store.audit.append(
            "sign_in_failed", "user", None, actor=None, details={"reason": "unknown_user"}
        )
        raise AuthenticationFailed("wrong user name or password")
    claim = _claim(store, user, now, security)
    if not claim.allowed:
        assert claim.locked_until is not None
        store.audit.append(
            "sign_in_failed", "user", user.id, actor=None, details={"reason": "locked"}
        )
        raise AccountLocked(_locked_message(claim.locked_until))
    if not passwords.verify_password(user.password_hash or "", password, security.hasher):
        _record_failure(store, user, claim, security, purpose="sign_in")
    if not user.active:
        store.users.clear_attempts(user.id)
        store.audit.append(
            "sign_in_failed", "user", user.id, actor=None, details={"reason": "inactive"}
        )
        raise AccountInactive("this account was deactivated by an administrator")
    changes: dict[str, Any] = {}
    if passwords.needs_rehash(user.password_hash or "", security.hasher):
        changes["password_hash"] = passwords.hash_password(password, security.hasher)
    notice = trust.sign_in_notice(store, user.id)  # before this sign-in is on record
    with store.transaction():
        _clear(store, user)
        if changes:
            store.users.update(user.id, actor=user.id, **changes)
        store.audit.append("sign_in", "user", user.id, actor=user.id)
    return Session(user.id, user.username, role_of(user), now, notice)


def _claim(store: Store, user: User, now: datetime, security: Security) -> AttemptClaim:
    """Count this attempt before the slow Argon2 check (see `UserRepository.claim_attempt`):
    parallel attempts can never check more than `max_failures` wrong passwords."""
    policy = security.lockout
    return store.users.claim_attempt(
        user.id, now=now, max_failures=policy.max_failures, lock_for=policy.lock_for
    )


def _clear(store: Store, user: User) -> None:
    """A right password: the count this attempt added (and any earlier ones) restarts."""
    if user.failed_attempts or user.locked_until:
        # Earlier failures are on record: their reset is a change worth auditing.
        store.users.update(user.id, actor=user.id, failed_attempts=0, locked_until=None)
    else:
        store.users.clear_attempts(user.id)


def _record_failure(
    store: Store, user: User, claim: AttemptClaim, security: Security, *, purpose: str
) -> NoReturn:
    """A wrong password, already counted by the claim: audit it and raise, locked or failed."""
    with store.transaction():
        store.audit.append(
            "changed", "user", user.id, actor=None,
            details={"fields": ["failed_attempts", "locked_until"]},
        )
        action = "sign_in_failed" if purpose == "sign_in" else "password_failed"
        store.audit.append(
            action, "user", user.id, actor=None, details={"reason": "wrong_password",
                                                          "purpose": purpose}
        )
        if claim.locked_until is not None:
            store.audit.append(
                "locked",
                "user",
                user.id,
                actor=None,
                details={
                    "until": utc_iso(claim.locked_until),
                    "failures": security.lockout.max_failures,
                },
            )
    if claim.locked_until is not None:
        raise AccountLocked(_locked_message(claim.locked_until))
    if purpose == "sign_in":
        raise AuthenticationFailed("wrong user name or password")
    raise AuthenticationFailed("wrong password: nothing was signed or changed")


def active_user(store: Store, session: Session) -> User:
    """The session's account as stored now; refuses a deactivated or locked one."""
    try:
        user = store.users.get(session.user_id)
    except NotFoundError:  # a session from another database
        raise NotFound("the signed-in account does not exist in this database") from None
    if not user.active:
        raise AccountInactive("your account was deactivated by an administrator")
    state = _login_state(user)
    if state.is_locked(store.now()):
        assert state.locked_until is not None
        raise AccountLocked(_locked_message(state.locked_until))
    return user


def confirm_password(
    store: Store,
    session: Session,
    password: str,
    *,
    purpose: str,
    security: Security = DEFAULT_SECURITY,
) -> User:
    """Ask again before signing or unlocking; a wrong password counts towards the lock."""
    user = active_user(store, session)
    claim = _claim(store, user, store.now(), security)
    if not claim.allowed:
        assert claim.locked_until is not None
        raise AccountLocked(_locked_message(claim.locked_until))
    if not passwords.verify_password(user.password_hash or "", password, security.hasher):
        _record_failure(store, user, claim, security, purpose=purpose)
    # The right password restarts the count; the caller audits what it confirmed.
    store.users.clear_attempts(user.id)
    return user


def unlock(
    store: Store, session: Session, password: str, *, security: Security = DEFAULT_SECURITY
) -> None:
    """End the idle lock: only the same user's password does it (audited)."""
    confirm_password(store, session, password, purpose="unlock", security=security)
    store.audit.append("unlocked", "session", None, actor=session.user_id)


def record_idle_lock(store: Store, session: Session) -> None:
    """The GUI locked itself after the idle time (audited; no PHI stays on screen)."""
    store.audit.append("idle_locked", "session", None, actor=session.user_id)


def sign_out(store: Store, session: Session) -> None:
    store.audit.append("sign_out", "user", session.user_id, actor=session.user_id)
