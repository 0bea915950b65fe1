"""Managing accounts and their keys: the first administrator, adding, deactivating, passwords.

The first administrator creates the organization's signing CA (a copy under
each administrator's password); adding a reviewer enrolls their signing key;
deactivating one revokes its certificate; a new password re-keys both.

One function per user action; each takes the open `Store`, and all but the
first two a `Session` from `sessions.sign_in`. Every account change is written
to the audit log (ids and roles only, never names or other PHI).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ixreview.letters.credentials import (
    OrganizationCA,
    ReviewerCredential,
    create_organization_ca,
    enroll_reviewer,
)
from ixreview.letters.errors import CredentialError, WrongPasswordError
from ixreview.store import InvalidRecordError, Store, User
from ixreview.store import Role as StoreRole
from ixreview.workflow import keys, passwords, revocation, trust, validation
from ixreview.workflow.errors import (
    InvalidInput,
    NotFound,
    NotPermitted,
    WorkflowError,
)
from ixreview.workflow.roles import SIGNER_TITLES, Role
from ixreview.workflow.sessions import (
    DEFAULT_SECURITY,
    STORE_ROLES,
    Security,
    Session,
    active_user,
    confirm_password,
    parse_time,
    role_of,
)


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
            locked_until=parse_time(user.locked_until),
            can_sign=bool(user.signing_key_encrypted and user.certificate_pem),
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
                STORE_ROLES[new_role],
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
