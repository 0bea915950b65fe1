"""Fixtures of the workflow tests; they live in workflow_helpers so tests can import helpers
by a module name that no other test folder uses."""

from workflow_helpers import (  # noqa: F401 - re-exported as fixtures
    draft_policy,
    meets,
    needs_info,
    not_meets,
    template_db,
    world,
)
