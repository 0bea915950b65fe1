"""Deactivating an account and revoking its certificate in one administrator action.

`accounts.deactivate_user` without the password only queues the revocation
(`revocation.py`); this is the call both the CLI and the GUI use: it requires the
deactivating administrator's password (which opens the organization's CA) and says
whether the CA's published revocation list now names the certificate.

Why the account is deactivated even when the list cannot be published: removing
access is the urgent half (from that moment the account can neither sign in nor
sign anything through ixreview); the revocation protects letters against a key
used outside ixreview, and what still waits is named for the caller to show.
"""

from __future__ import annotations

from dataclasses import dataclass

from ixreview.store import Store
from ixreview.workflow import accounts, revocation
from ixreview.workflow.accounts import DEFAULT_SECURITY, Account, Security, Session
from ixreview.workflow.errors import InvalidInput


@dataclass(frozen=True)
class Deactivation:
    """A deactivated account and what became of its certificate.

    `revoked`: the CA's published revocation list now names the certificate (None:
    the account had no certificate). `not_revoked_reason`: why not, when False.
    """

    account: Account
    revoked: bool | None
    not_revoked_reason: str | None = None


def deactivate_and_revoke(
    store: Store,
    session: Session,
    username: str,
    admin_password: str,
    *,
    security: Security = DEFAULT_SECURITY,
) -> Deactivation:
    """Deactivate an account and publish the CA's revocation list naming its certificate.

    The administrator's password is required (it opens the CA): a wrong or missing
    one changes nothing. The account is deactivated even when the list cannot be
    published (removing access cannot wait); `not_revoked_reason` then says why
    and what publishes it, for the caller to show.
    """
    if not admin_password:
        raise InvalidInput(
            "admin_password", "your password is needed to revoke the account's certificate"
        )
    account = accounts.deactivate_user(
        store, session, username, admin_password=admin_password, security=security
    )
    user = store.users.get(account.id)
    if not user.certificate_pem:
        return Deactivation(account, None)
    if not revocation.is_waiting(store, user.certificate_pem):
        return Deactivation(account, True)
    # publish_pending either published it or raised, unless one of these holds:
    if accounts.ca_copy(store, session.user_id) is None:
        why = "your account holds no copy of the organization's signing authority"
    else:
        why = (
            "this computer does not pin the organization's root (an administrator pins it "
            "with `ixreview letters pin`)"
        )
    return Deactivation(
        account,
        False,
        f"{why}; the revocation waits and is published the next time an administrator "
        "opens the signing authority on a computer that pins the root (adding an account "
        "or deactivating one)",
    )
