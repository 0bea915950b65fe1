"""Signing keys as the store keeps them, and re-encrypting them for a new password.

A reviewer's `ReviewerCredential` (from `ixreview.letters`) is split over two user
columns: `certificate_pem`, and `signing_key_encrypted` holding JSON with the
encrypted PKCS#8 key, its key-derivation parameters and the issuer chain.

The organization's local CA key is kept once per administrator, each copy
encrypted under that administrator's own password (setting
`signing.ca.<user id>`), so any administrator can enroll reviewers with the
password they already type, and no CA password has to be shared. The CA
certificate is also kept in the clear under `signing.trust_roots_pem`: it names
the database's organization, but `ixreview verify` never trusts it from there
(the pinned root is in `workflow/trust.py`).

Only `cryptography` is used here; pyHanko stays out of this import path.
"""

from __future__ import annotations

import json
from typing import Any

from ixreview.letters.credentials import (
    KeyProtection,
    OrganizationCA,
    ReviewerCredential,
    certificate_role,
    encrypt_private_key,
)
from ixreview.store import Store
from ixreview.workflow.errors import NotPermitted
from ixreview.workflow.roles import Role

CA_SETTING_PREFIX = "signing.ca."
CA_CERTIFICATE_SETTING = "signing.trust_roots_pem"  # which CA; never trusted from here


def ca_setting(admin_id: int) -> str:
    return f"{CA_SETTING_PREFIX}{admin_id}"


def credential_columns(credential: ReviewerCredential) -> dict[str, Any]:
    """The user-table columns that hold `credential`."""
    blob = json.dumps(
        {
            "key_pem": credential.key_pem,
            "protection": credential.protection.model_dump(),
            "chain_pem": credential.chain_pem,
        },
        sort_keys=True,
    ).encode("utf-8")
    return {"signing_key_encrypted": blob, "certificate_pem": credential.cert_pem}


def credential_from_columns(blob: bytes | None, cert_pem: str | None) -> ReviewerCredential | None:
    if not blob or not cert_pem:
        return None
    data = json.loads(blob.decode("utf-8"))
    return ReviewerCredential(
        key_pem=data["key_pem"],
        protection=KeyProtection.model_validate(data["protection"]),
        cert_pem=cert_pem,
        chain_pem=list(data.get("chain_pem", [])),
    )


def rekey_credential(
    credential: ReviewerCredential, old_password: str, new_password: str
) -> ReviewerCredential:
    """The same key and certificate, encrypted under `new_password` (WrongPasswordError if old)."""
    key_pem, protection = encrypt_private_key(credential.unlock(old_password), new_password)
    return credential.model_copy(update={"key_pem": key_pem, "protection": protection})


def rekey_ca(ca: OrganizationCA, old_password: str, new_password: str) -> OrganizationCA:
    """A copy of the CA whose key opens with `new_password` (for another administrator)."""
    key_pem, protection = encrypt_private_key(ca.unlock(old_password), new_password)
    return ca.model_copy(update={"key_pem": key_pem, "protection": protection})


def check_certificate_role(
    store: Store, credential: ReviewerCredential, role: Role, *, user_id: int, review_id: int
) -> None:
    """Deciding signs with a certificate whose role (vouched for by the CA) is the account's.

    The account's role lives in a database row anyone with file access can edit; the
    certificate's was signed by the organization CA at enrollment. Certificates
    from before the role attribute name the role in their title, which counts.
    Refused (and audited) when they differ: an administrator must re-enroll.
    """
    found = certificate_role(credential.certificate())
    if found == role.value:
        return
    store.audit.append(
        "sign_refused",
        "review",
        review_id,
        actor=user_id,
        details={"role": role.value, "certificate_role": found or "none"},
    )
    raise NotPermitted(
        f"your signing certificate names the role {found or 'none'!r}, not your account's "
        f"role ({role.label}): nothing was signed; an administrator must enroll a signing "
        "credential for your current role"
    )
