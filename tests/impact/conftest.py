"""Fixtures of the impact and metrics tests (helpers in impact_helpers, a unique name)."""

from impact_helpers import world  # noqa: F401 - re-exported as a fixture
