"""Signing keys as the store keeps them, and re-encrypting them for a new password.

A reviewer's `ReviewerCredential` (from `ixreview.letters`) is split over two user
columns: `certificate_pem`, and `signing_key_encrypted` holding JSON with the
encrypted PKCS#8 key, its key-derivation parameters and the issuer chain.

The organization's local CA key is kept once per administrator, each copy
encrypted under that administrator's own password (setting
`signing.ca.<user id>`), so any administrator can enroll reviewers with the
password they already type, and no CA password has to be shared. The CA
certificate (the trust root `ixreview verify` checks letters against) is also
kept in the clear under `signing.trust_roots_pem`, where `ixreview verify`
looks for it.

Only `cryptography` is used here; pyHanko stays out of this import path.
"""

from __future__ import annotations

import json
from typing import Any

from ixreview.letters.credentials import (
    KeyProtection,
    OrganizationCA,
    ReviewerCredential,
    encrypt_private_key,
)

CA_SETTING_PREFIX = "signing.ca."
CA_CERTIFICATE_SETTING = "signing.trust_roots_pem"  # read by `ixreview verify`


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
