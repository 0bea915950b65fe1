"""Checks of what an administrator types when adding an account.

Each raises `InvalidInput` naming the field, so the GUI can show the message at
the field and the CLI can print it and exit with status 2.
"""

from __future__ import annotations

import re

from ixreview.domain.npi import check_npi
from ixreview.workflow.errors import InvalidInput
from ixreview.workflow.roles import (
    ALLOWED_CREDENTIALS,
    Credential,
    Role,
    parse_credential,
    parse_role,
)

_USERNAME = re.compile(r"^[a-z][a-z0-9._-]{1,31}$")


def username(text: str) -> str:
    value = text.strip().lower()
    if not _USERNAME.match(value):
        raise InvalidInput(
            "username",
            f'"{text}" is not a user name: use 2-32 lowercase letters, digits, ".", "_" or "-", '
            "starting with a letter",
        )
    return value


def full_name(text: str) -> str:
    value = " ".join(text.split())
    if not value:
        raise InvalidInput("full_name", "must not be empty")
    if len(value) > 120:
        raise InvalidInput("full_name", "must be at most 120 characters")
    return value


def role(text: str | Role) -> Role:
    if isinstance(text, Role):
        return text
    try:
        return parse_role(text)
    except ValueError as exc:
        raise InvalidInput("role", str(exc)) from None


def credentials(text: str | Credential | None, for_role: Role) -> Credential | None:
    """The credential, checked against the role (a physician reviewer is an MD or a DO)."""
    if text is None or (isinstance(text, str) and not text.strip()):
        if for_role == Role.ADMINISTRATOR:
            return None
        raise InvalidInput("credentials", f"a {for_role.label} needs a professional credential")
    try:
        cred = text if isinstance(text, Credential) else parse_credential(text)
    except ValueError as exc:
        raise InvalidInput("credentials", str(exc)) from None
    allowed = ALLOWED_CREDENTIALS[for_role]
    if cred not in allowed:
        names = " or ".join(sorted(c.value for c in allowed))
        raise InvalidInput(
            "credentials", f"a {for_role.label} must hold {names}, not {cred.value}"
        )
    return cred


def npi(text: str | None, for_role: Role) -> str | None:
    value = (text or "").strip()
    if not value:
        if for_role == Role.PHYSICIAN_REVIEWER:
            raise InvalidInput("npi", "a physician reviewer needs an NPI")
        return None
    try:
        return check_npi(value)
    except ValueError as exc:
        raise InvalidInput("npi", str(exc)) from None


def phone(text: str | None, for_role: Role) -> str | None:
    """A peer-to-peer phone number: printed on denial letters, so it must be dialable."""
    value = " ".join((text or "").split())
    if not value:
        if for_role == Role.PHYSICIAN_REVIEWER:
            raise InvalidInput(
                "p2p_phone", "a physician reviewer needs a peer-to-peer phone number"
            )
        return None
    digits = re.sub(r"\D", "", value)
    if not re.fullmatch(r"[0-9+().\- x]+", value) or not 10 <= len(digits) <= 15:
        raise InvalidInput(
            "p2p_phone", f'"{value}" is not a phone number (10 to 15 digits, e.g. 865-555-0100)'
        )
    return value
