"""Revoking a deactivated reviewer's certificate: the CA's revocation list (CRL).

A deactivation queues the certificate's serial (setting `signing.pending_revocations`,
with the time of the deactivation); the queue is published as a new CRL whenever an
administrator opens the organization's CA (their password) on a computer that pins
its root: adding an account, or deactivating one with the password
(`accounts.deactivate_and_revoke`, the CLI's `ixreview user deactivate`).
"""

from __future__ import annotations

from datetime import datetime

from cryptography import x509

from ixreview.letters.credentials import OrganizationCA
from ixreview.letters.errors import CredentialError, WrongPasswordError
from ixreview.store import Store
from ixreview.store.clock import utc_iso
from ixreview.workflow import trust
from ixreview.workflow.errors import WorkflowError

PENDING_REVOCATIONS = "signing.pending_revocations"


def certificate_serial(certificate_pem: str) -> str:
    return str(x509.load_pem_x509_certificate(certificate_pem.encode("ascii")).serial_number)


def queue(store: Store, certificate_pem: str, *, actor: int) -> None:
    """Queue a certificate for the next CRL, revoked as of now (the store's time)."""
    pending = list(store.settings.get(PENDING_REVOCATIONS, []))
    pending.append({"serial": certificate_serial(certificate_pem), "at": utc_iso(store.now())})
    store.settings.set(PENDING_REVOCATIONS, pending, actor=actor)


def is_waiting(store: Store, certificate_pem: str) -> bool:
    """Whether the certificate is queued but not yet on a published CRL."""
    serial = certificate_serial(certificate_pem)
    return any(str(p["serial"]) == serial for p in store.settings.get(PENDING_REVOCATIONS, []))


def publish_pending(store: Store, ca: OrganizationCA, ca_password: str, *, actor: int) -> None:
    """Publish the revocations waiting for the CA (and set up long-term signing if missing).

    Only for an organization whose root this machine pins: a throw-away database
    (the demo), or one whose root is not pinned yet, keeps them waiting.
    """
    pending = store.settings.get(PENDING_REVOCATIONS, [])
    if not trust.is_pinned(ca.cert_pem):
        return
    try:
        trust.setup_long_term(store, ca, ca_password, actor=actor)
        if pending:
            trust.publish_crl(
                store,
                ca,
                ca_password,
                [(int(p["serial"]), datetime.fromisoformat(p["at"])) for p in pending],
                actor=actor,
            )
            store.settings.set(PENDING_REVOCATIONS, [], actor=actor)
    except (CredentialError, WrongPasswordError) as exc:
        raise WorkflowError(f"signing authority: {exc}") from None


def unrevoked(store: Store) -> list[str]:
    """For `audit verify`: accounts deactivated since this database first published a
    CRL whose certificate is neither on the CA's latest list nor waiting for it (the
    queue emptied in the database file). One sentence each."""
    if getattr(store, "backend", "sqlite") != "sqlite":
        return []
    first = store.conn.execute(
        "SELECT min(seq) FROM audit_log WHERE action = 'crl_published'"
    ).fetchone()[0]
    ca = trust.database_ca(store)
    if first is None or ca is None:
        return []  # revocation lists came later than these deactivations, or no CA
    crl = trust.latest_crl(ca)
    listed = set() if crl is None else {entry.serial_number for entry in crl}
    waiting = {str(p["serial"]) for p in store.settings.get(PENDING_REVOCATIONS, [])}
    out = []
    rows = store.conn.execute(
        "SELECT DISTINCT object_id FROM audit_log WHERE action = 'deactivated'"
        " AND object_type = 'user' AND seq > ?",
        (first,),
    ).fetchall()
    for (user_id,) in rows:
        row = store.conn.execute(
            "SELECT certificate_pem FROM users WHERE id = ?", (user_id,)
        ).fetchone()
        if row is None or not row[0]:
            continue
        serial = certificate_serial(row[0])
        if int(serial) not in listed and serial not in waiting:
            out.append(
                f"user {user_id} was deactivated but its certificate is neither on the "
                "signing authority's revocation list nor waiting for it: the pending "
                f"revocation was removed outside ixreview (setting {PENDING_REVOCATIONS})"
            )
    return out
