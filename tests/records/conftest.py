"""Fixtures of the long-term records tests: the workflow tests' store (an administrator,
a nurse and a physician, their certificates issued with roles) and CLI helpers."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent / "workflow"))

from workflow_helpers import template_db, world  # noqa: F401 - re-exported as fixtures
