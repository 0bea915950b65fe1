"""The desk tests use the GUI tests' fixtures (review models, checklists, no modal
boxes) and helpers: loaded from tests/ui rather than copied."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_UI = Path(__file__).parents[1] / "ui"
sys.path.insert(0, str(_UI))  # `helpers`, as the GUI tests import it

_spec = importlib.util.spec_from_file_location("ui_test_fixtures", _UI / "conftest.py")
assert _spec is not None and _spec.loader is not None
_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_fixtures)

from test_whole_review import sign_in, staffed_db  # noqa: E402  (the real sign-in window)

make_model = _fixtures.make_model
make_checklist = _fixtures.make_checklist
no_blocking_message_boxes = _fixtures.no_blocking_message_boxes
__all__ = ["make_checklist", "make_model", "no_blocking_message_boxes", "sign_in", "staffed_db"]
