"""Fixtures of the PAS tests: the workflow tests' store (an administrator, a nurse and a
physician) and the guide-modelled Bundles in tests/pas/data."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent / "workflow"))

from workflow_helpers import template_db, world  # noqa: F401 - re-exported as fixtures
