"""How the desk names people: a reviewer's words, never a user name or a role code.

"Nina Patel, RN (nurse reviewer)", not "nina" or "user 2 (nurse_reviewer)".
"""

from __future__ import annotations

from typing import Any


def reviewer_name(user: Any) -> str:
    """Full name with credentials: "Nina Patel, RN"."""
    credentials = (getattr(user, "credentials", "") or "").strip()
    return f"{user.full_name}, {credentials}" if credentials else str(user.full_name)


def reviewer_with_role(user: Any) -> str:
    """ "Nina Patel, RN (nurse reviewer)" for the title bar."""
    from ixreview.workflow.accounts import role_of

    return f"{reviewer_name(user)} ({role_of(user).label.lower()})"
