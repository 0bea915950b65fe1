"""Fixtures of the hardening tests (issue 10: hostile input, parallel sign-in, output files)."""

from hardening_helpers import template_db  # noqa: F401 - re-exported as a fixture
