"""How the desk names people and days: a reviewer's words, never a user name, a role
code or an ISO date.

"Nina Patel, RN (nurse reviewer)", not "nina" or "user 2 (nurse_reviewer)";
"March 31, 2027", not "2027-03-31".
"""

from __future__ import annotations

from datetime import date
from typing import Any


def day(value: date | str | None) -> str:
    """A date as the letters print it ("March 31, 2027"; their template's format and
    month names, never the computer's locale)."""
    from ixreview.letters.templates import load_templates
    from ixreview.letters.values import format_date

    if value is None or value == "":
        return "not recorded"
    when = date.fromisoformat(value) if isinstance(value, str) else value
    return format_date(load_templates(), when)


def reviewer_name(user: Any) -> str:
    """Full name with credentials: "Nina Patel, RN"."""
    credentials = (getattr(user, "credentials", "") or "").strip()
    return f"{user.full_name}, {credentials}" if credentials else str(user.full_name)


def reviewer_with_role(user: Any) -> str:
    """ "Nina Patel, RN (nurse reviewer)" for the title bar."""
    from ixreview.workflow.accounts import role_of

    return f"{reviewer_name(user)} ({role_of(user).label.lower()})"
