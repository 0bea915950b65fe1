"""Errors the workflow raises: each carries a message a reviewer can act on.

The GUI shows `str(error)` in a message box and the CLI prints it and exits with
`exit_code`; neither needs to know the subclass. Messages never contain PHI (no
member names, IDs or clinical values), because they may reach logs.
"""

from __future__ import annotations


class WorkflowError(Exception):
    """Base class. `exit_code` 2 means bad input, 1 means refused or failed."""

    exit_code = 1


class InvalidInput(WorkflowError):
    """A field is missing or malformed; names the field and the problem."""

    exit_code = 2

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


class WeakPassword(InvalidInput):
    """The password policy refused a new password."""

    def __init__(self, problem: str) -> None:
        super().__init__("password", problem)


class IllegalTransition(WorkflowError):
    """The review's state does not allow this action (e.g. denying a draft)."""


class NotPermitted(WorkflowError):
    """The signed-in user's role, or the case, does not allow this action."""


class AuthenticationFailed(WorkflowError):
    """Wrong user name or password. Deliberately does not say which."""


class AccountLocked(WorkflowError):
    """Too many failed sign-ins; the account is locked until a given time."""


class AccountInactive(WorkflowError):
    """The account was deactivated by an administrator."""


class NotFound(WorkflowError):
    """No such user or review (the name or reference typed is wrong)."""

    exit_code = 2


class Conflict(WorkflowError):
    """Somebody else changed the review since it was loaded; reload and retry."""
