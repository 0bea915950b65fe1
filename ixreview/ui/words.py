"""How the desk names people and days: a reviewer's words, never a user name, a role
code or an ISO date.

"Nina Patel, RN (nurse reviewer)", not "nina" or "user 2 (nurse_reviewer)";
"March 31, 2027", not "2027-03-31".
"""

from __future__ import annotations

from datetime import date
from typing import Any

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def day(value: date | str | None) -> str:
    """A date as the letters print it: "March 31, 2027" (not the computer's locale)."""
    if value is None or value == "":
        return "not recorded"
    when = date.fromisoformat(value) if isinstance(value, str) else value
    return f"{MONTHS[when.month - 1]} {when.day}, {when.year}"


def reviewer_name(user: Any) -> str:
    """Full name with credentials: "Nina Patel, RN"."""
    credentials = (getattr(user, "credentials", "") or "").strip()
    return f"{user.full_name}, {credentials}" if credentials else str(user.full_name)


def reviewer_with_role(user: Any) -> str:
    """ "Nina Patel, RN (nurse reviewer)" for the title bar."""
    from ixreview.workflow.accounts import role_of

    return f"{reviewer_name(user)} ({role_of(user).label.lower()})"
