"""Determination letters: content, layout (reportlab), signing and verification (pyHanko).

Imports only `ixreview.domain`. Importing this package is cheap: the data model
and errors load now; rendering (reportlab), credentials (cryptography) and
signing/verification (pyHanko, ~0.55 s to import) load on first use of the
names below, and pyHanko only inside the functions that sign or verify.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ixreview.letters.errors import (
    CredentialError,
    DraftPolicyError,
    LetterError,
    SigningError,
    TemplateError,
    WrongPasswordError,
)
from ixreview.letters.model import (
    COMMERCIAL_APPEAL_DAYS,
    MEDICARE_ADVANTAGE_APPEAL_DAYS,
    ApprovalDetails,
    DenialDetails,
    DenialReason,
    InformationItem,
    LetterData,
    LetterKind,
    Member,
    PlanLetterhead,
    Prescriber,
    RequestForInformationDetails,
    Signer,
    appeal_counted_from,
    appeal_deadline_days_for,
    denial_clauses,
)

if TYPE_CHECKING:
    from ixreview.letters.credentials import (
        OrganizationCA,
        ReviewerCredential,
        create_organization_ca,
        enroll_reviewer,
        import_pkcs12,
    )
    from ixreview.letters.render import RenderedLetter, SignatureBox, render_letter
    from ixreview.letters.signing import SignedLetter, preview_letter, sign_letter
    from ixreview.letters.templates import TemplateSet, load_templates
    from ixreview.letters.verify import VerifyReport, verify_letter

_LAZY = {
    "OrganizationCA": "credentials",
    "ReviewerCredential": "credentials",
    "create_organization_ca": "credentials",
    "enroll_reviewer": "credentials",
    "import_pkcs12": "credentials",
    "RenderedLetter": "render",
    "SignatureBox": "render",
    "render_letter": "render",
    "SignedLetter": "signing",
    "preview_letter": "signing",
    "sign_letter": "signing",
    "TemplateSet": "templates",
    "load_templates": "templates",
    "VerifyReport": "verify",
    "verify_letter": "verify",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ixreview.letters' has no attribute {name!r}")
    return getattr(importlib.import_module(f"ixreview.letters.{module}"), name)


__all__ = [
    "COMMERCIAL_APPEAL_DAYS",
    "MEDICARE_ADVANTAGE_APPEAL_DAYS",
    "ApprovalDetails",
    "CredentialError",
    "DenialDetails",
    "DenialReason",
    "DraftPolicyError",
    "InformationItem",
    "LetterData",
    "LetterError",
    "LetterKind",
    "Member",
    "OrganizationCA",
    "PlanLetterhead",
    "Prescriber",
    "RenderedLetter",
    "RequestForInformationDetails",
    "ReviewerCredential",
    "SignatureBox",
    "SignedLetter",
    "Signer",
    "SigningError",
    "TemplateError",
    "TemplateSet",
    "VerifyReport",
    "WrongPasswordError",
    "appeal_counted_from",
    "appeal_deadline_days_for",
    "create_organization_ca",
    "denial_clauses",
    "enroll_reviewer",
    "import_pkcs12",
    "load_templates",
    "preview_letter",
    "render_letter",
    "sign_letter",
    "verify_letter",
]
