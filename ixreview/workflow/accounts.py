"""Accounts: the first administrator, signing in, adding and deactivating users.

One function per user action; each takes the open `Store`, and all but the
first two a `Session` from `sign_in`. Every call re-reads the account, so a
user deactivated or locked meanwhile can do nothing more. Every sign-in, failure,
lock and account change is written to the audit log (ids and roles only: audit
details never carry names or other PHI).

Passwords are hashed with Argon2id (`passwords`); `Security.hasher` exists so
tests can run with cheap parameters. Production code never passes one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NoReturn

from argon2 import PasswordHasher

from ixreview.letters.credentials import (
    OrganizationCA,
    ReviewerCredential,
    create_organization_ca,
    enroll_reviewer,
)
from ixreview.letters.errors import CredentialError, WrongPasswordError
from ixreview.store import InvalidRecordError, NotFoundError, Store, User
from ixreview.store import Role as StoreRole
from ixreview.store.clock import utc_iso
from ixreview.store.users import AttemptClaim
from ixreview.workflow import keys, passwords, revocation, trust, validation
from ixreview.workflow.errors import (
    AccountInactive,
    AccountLocked,
    AuthenticationFailed,
    InvalidInput,
    NotFound,
    NotPermitted,
    WorkflowError,
)
from ixreview.workflow.lockout import LockoutPolicy, LoginState
from ixreview.workflow.roles import SIGNER_TITLES, Role

_TO_STORE = {
    Role.NURSE_REVIEWER: StoreRole.NURSE,
    Role.PHYSICIAN_REVIEWER: StoreRole.PHYSICIAN,
    Role.ADMINISTRATOR: StoreRole.ADMIN,
}
_FROM_STORE = {v: k for k, v in _TO_STORE.items()}



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


@dataclass(frozen=True)
class Account:
    """A user as the administrator sees it (never the password hash or key)."""

    id: int
    username: str
    full_name: str
    role: Role
    credentials: str
    npi: str | None
    p2p_phone: str | None
    active: bool
    locked_until: datetime | None
    can_sign: bool

    @classmethod
    def of(cls, user: User) -> Account:
        return cls(
            id=user.id,
            username=user.username,
            full_name=user.full_name,
            role=role_of(user),
            credentials=user.credentials,
            npi=user.npi,
            p2p_phone=user.p2p_phone,
            active=user.active,
            locked_until=_parse_time(user.locked_until),
            can_sign=bool(user.signing_key_encrypted and user.certificate_pem),
        )


def role_of(user: User) -> Role:
    return _FROM_STORE[StoreRole(user.role)]


def _parse_time(text: str | None) -> datetime | None:
    return None if not text else datetime.fromisoformat(text)


def _login_state(user: User) -> LoginState:
    return LoginState(user.failed_attempts, _parse_time(user.locked_until))


def _locked_message(until: datetime) -> str:
    local = until.astimezone()
    return (
        "this account is locked after too many failed sign-ins; try again after "
        f"{local:%H:%M} ({local:%Y-%m-%d}) or ask an administrator"
    )


# -- first start ------------------------------------------------------------------


def needs_first_admin(store: Store) -> bool:
    """True until the first account exists: the app then asks for the first administrator."""
    return not store.users.list(include_inactive=True)


def create_first_admin(
    store: Store,
    *,
    username: str,
    full_name: str,
    password: str,
    organization: str,
    credentials: str | None = None,
    security: Security = DEFAULT_SECURITY,
    pin_trust_root: bool = True,
) -> Account:
    """Create the first administrator and the signing CA (its key under their password).

    The CA is pinned as a trust root of this machine (`trust.py`) unless
    `pin_trust_root` is False: a throw-away database (the demo) must never add a
    root that real letters would then be verified against.
    """
    name = validation.username(username)
    person = validation.full_name(full_name)
    cred = validation.credentials(credentials, Role.ADMINISTRATOR)
    passwords.check_password(password, username=name, full_name=person)
    if not organization.strip():
        raise InvalidInput("organization", "name the organization the signing authority belongs to")
    if not needs_first_admin(store):
        raise NotPermitted(
            "an administrator already exists: sign in as an administrator to add accounts"
        )
    stored_hash = passwords.hash_password(password, security.hasher)
    try:
        ca = create_organization_ca(organization, password)
    except CredentialError as exc:
        raise WorkflowError(f"signing authority: {exc}") from None
    with store.transaction():
        if not needs_first_admin(store):  # another window was faster
            raise NotPermitted("an administrator already exists: sign in to add accounts")
        user = store.users.create(
            name,
            person,
            StoreRole.ADMIN,
            credentials="" if cred is None else cred.value,
            password_hash=stored_hash,
        )
        _keep_ca(store, user.id, ca, actor=user.id)
        store.settings.set(keys.CA_CERTIFICATE_SETTING, ca.cert_pem, actor=user.id)
        # The root `verify` trusts lives outside the database (workflow/trust.py).
        if pin_trust_root:  # and its local timestamp authority and first CRL beside it
            trust.pin_root(store, ca.cert_pem, actor=user.id)
            trust.setup_long_term(store, ca, password, actor=user.id)
        store.audit.append(
            "enrolled", "user", user.id, actor=user.id, details={"role": Role.ADMINISTRATOR.value}
        )
    return Account.of(store.users.get(user.id))


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


def change_password(
    store: Store,
    session: Session,
    old_password: str,
    new_password: str,
    *,
    security: Security = DEFAULT_SECURITY,
) -> None:
    """A new password; the signing key (and an administrator's CA copy) follow it."""
    user = confirm_password(store, session, old_password, purpose="password_change",
                            security=security)
    passwords.check_password(new_password, username=user.username, full_name=user.full_name)
    changes: dict[str, Any] = {
        "password_hash": passwords.hash_password(new_password, security.hasher)
    }
    credential = keys.credential_from_columns(user.signing_key_encrypted, user.certificate_pem)
    try:
        if credential is not None:
            changes.update(
                keys.credential_columns(
                    keys.rekey_credential(credential, old_password, new_password)
                )
            )
        ca = _load_ca(store, user.id)
        new_ca = None if ca is None else keys.rekey_ca(ca, old_password, new_password)
    except WrongPasswordError:
        raise WorkflowError(
            "your signing key does not open with your password; ask an administrator to "
            "enroll a new signing credential"
        ) from None
    with store.transaction():
        store.users.update(user.id, actor=user.id, **changes)
        if new_ca is not None:
            _keep_ca(store, user.id, new_ca, actor=user.id)
        store.audit.append("password_changed", "user", user.id, actor=user.id)


# -- administration ---------------------------------------------------------------


def _admin(store: Store, session: Session) -> User:
    user = active_user(store, session)
    if role_of(user) != Role.ADMINISTRATOR:
        raise NotPermitted("only an administrator may manage accounts")
    return user


def add_user(
    store: Store,
    session: Session,
    *,
    username: str,
    full_name: str,
    role: str | Role,
    password: str,
    admin_password: str,
    credentials: str | None = None,
    npi: str | None = None,
    p2p_phone: str | None = None,
    security: Security = DEFAULT_SECURITY,
) -> Account:
    """Add an account and enroll its signing credential (key under the new user's password).

    `admin_password` is the administrator's own: it opens the organization's CA.
    """
    _admin(store, session)
    new_role = validation.role(role)
    name = validation.username(username)
    person = validation.full_name(full_name)
    cred = validation.credentials(credentials, new_role)
    npi_value = validation.npi(npi, new_role)
    phone_value = validation.phone(p2p_phone, new_role)
    passwords.check_password(password, username=name, full_name=person)
    if store.users.by_username(name) is not None:
        raise InvalidInput("username", f'"{name}" is already taken (accounts are never deleted)')
    admin = confirm_password(store, session, admin_password, purpose="enroll", security=security)
    ca = _load_ca(store, admin.id)
    if ca is None:
        raise WorkflowError(
            "your account holds no copy of the organization's signing authority; "
            "ask the first administrator to add accounts"
        )
    stored_hash = passwords.hash_password(password, security.hasher)
    cred_text = "" if cred is None else cred.value
    try:
        if new_role == Role.ADMINISTRATOR:
            credential = None
            ca_copy: OrganizationCA | None = keys.rekey_ca(ca, admin_password, password)
        else:
            ca_copy = None
            credential = enroll_reviewer(
                ca,
                admin_password,
                name=person,
                role=SIGNER_TITLES[new_role],
                password=password,
                credentials=cred_text,
                role_code=new_role.value,
            )
    except CredentialError as exc:
        raise WorkflowError(f"signing credential: {exc}") from None
    with store.transaction():
        try:
            user = store.users.create(
                name,
                person,
                _TO_STORE[new_role],
                credentials=cred_text,
                npi=npi_value,
                p2p_phone=phone_value,
                password_hash=stored_hash,
                actor=admin.id,
            )
        except InvalidRecordError as exc:
            raise InvalidInput("username", str(exc).removeprefix("username: ")) from None
        details: dict[str, Any] = {"role": new_role.value}
        if credential is not None:
            store.users.update(user.id, actor=admin.id, **keys.credential_columns(credential))
            details["certificate_sha256"] = credential.fingerprint_sha256
        if ca_copy is not None:
            _keep_ca(store, user.id, ca_copy, actor=admin.id)
        store.audit.append("enrolled", "user", user.id, actor=admin.id, details=details)
        revocation.publish_pending(store, ca, admin_password, actor=admin.id)
    return Account.of(store.users.get(user.id))


def deactivate_user(
    store: Store,
    session: Session,
    username: str,
    *,
    admin_password: str | None = None,
    security: Security = DEFAULT_SECURITY,
) -> Account:
    """Deactivate (never delete): determinations keep naming their decider.

    The account's certificate is revoked: with `admin_password` (it opens the CA)
    the CA publishes its new revocation list now; without it the revocation waits
    in `signing.pending_revocations` until an administrator next opens the CA
    (enrolling a user, or `deactivate` with the password). `deactivation.deactivate_and_revoke`
    is the call that requires the password and says whether the list was published.
    """
    admin = _admin(store, session)
    user = store.users.by_username(username.strip())
    if user is None:
        raise NotFound(f'no account "{username.strip()}"')
    if not user.active:
        raise WorkflowError(f'account "{user.username}" is already deactivated')
    if user.id == admin.id:
        raise NotPermitted(
            "you cannot deactivate your own account: ask another administrator"
        )
    if admin_password is not None:  # before anything changes: a wrong one changes nothing
        confirm_password(store, session, admin_password, purpose="revoke", security=security)
    store.users.deactivate(user.id, actor=admin.id)
    if user.certificate_pem:
        revocation.queue(store, user.certificate_pem, actor=admin.id)
    if admin_password is not None:
        ca = _load_ca(store, admin.id)
        if ca is not None:
            revocation.publish_pending(store, ca, admin_password, actor=admin.id)
    return Account.of(store.users.get(user.id))


def list_users(store: Store, session: Session, *, include_inactive: bool = False) -> list[Account]:
    admin = _admin(store, session)
    store.audit.append("viewed", "user_list", None, actor=admin.id)
    return [Account.of(u) for u in store.users.list(include_inactive=include_inactive)]


def signing_credential(user: User) -> ReviewerCredential:
    credential = keys.credential_from_columns(user.signing_key_encrypted, user.certificate_pem)
    if credential is None:
        raise NotPermitted(
            "your account has no signing credential: ask an administrator to enroll one"
        )
    return credential


def ca_copy(store: Store, user_id: int) -> OrganizationCA | None:
    """The administrator's copy of the organization's CA (None: they hold none)."""
    return _load_ca(store, user_id)


def _load_ca(store: Store, user_id: int) -> OrganizationCA | None:
    raw = store.settings.get(keys.ca_setting(user_id))
    return None if raw is None else OrganizationCA.model_validate(raw)


def _keep_ca(store: Store, user_id: int, ca: OrganizationCA, *, actor: int) -> None:
    store.settings.set(keys.ca_setting(user_id), ca.model_dump(mode="json"), actor=actor)
