"""Roles and professional credentials of ixreview accounts.

One role per account. An administrator manages accounts and does not review:
a person who does both holds two accounts (an administrator account and a
reviewer account), so the audit log always says in which capacity something was
done and a determination always names a clinical reviewer.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    NURSE_REVIEWER = "nurse_reviewer"
    PHYSICIAN_REVIEWER = "physician_reviewer"
    ADMINISTRATOR = "administrator"

    @property
    def label(self) -> str:
        return _ROLE_LABELS[self]

    @property
    def reviews(self) -> bool:
        return self in (Role.NURSE_REVIEWER, Role.PHYSICIAN_REVIEWER)


class Credential(StrEnum):
    RN = "RN"
    MD = "MD"
    DO = "DO"
    PHARMD = "PharmD"


_ROLE_LABELS = {
    Role.NURSE_REVIEWER: "nurse reviewer",
    Role.PHYSICIAN_REVIEWER: "physician reviewer",
    Role.ADMINISTRATOR: "administrator",
}

# Printed in certificates and signature blocks.
SIGNER_TITLES = {
    Role.NURSE_REVIEWER: "Nurse reviewer",
    Role.PHYSICIAN_REVIEWER: "Physician reviewer (Medical Director)",
    Role.ADMINISTRATOR: "Administrator",
}

# Which credentials fit which role. A clinical pharmacist may screen against
# criteria like a nurse; only a physician (MD or DO) may make an adverse
# determination. Administrators need no clinical credential.
ALLOWED_CREDENTIALS: dict[Role, frozenset[Credential]] = {
    Role.NURSE_REVIEWER: frozenset({Credential.RN, Credential.PHARMD}),
    Role.PHYSICIAN_REVIEWER: frozenset({Credential.MD, Credential.DO}),
    Role.ADMINISTRATOR: frozenset(Credential),
}


def parse_role(text: str) -> Role:
    """Accept the stored value or the label ("nurse reviewer"), any case."""
    wanted = text.strip().lower().replace(" ", "_").replace("-", "_")
    aliases = {"nurse": Role.NURSE_REVIEWER, "physician": Role.PHYSICIAN_REVIEWER,
               "admin": Role.ADMINISTRATOR}
    for role in Role:
        if role.value == wanted:
            return role
    if wanted in aliases:
        return aliases[wanted]
    raise ValueError(
        f'"{text}" is not a role; use one of: ' + ", ".join(r.value for r in Role)
    )


def parse_credential(text: str) -> Credential:
    wanted = text.strip().replace(".", "").lower()
    for cred in Credential:
        if cred.value.lower() == wanted:
            return cred
    raise ValueError(
        f'"{text}" is not a credential; use one of: ' + ", ".join(c.value for c in Credential)
    )
