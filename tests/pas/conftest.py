"""Fixtures of the PAS tests: the guide-modelled Bundles in tests/pas/data, and the
workflow tests' store (an administrator, a nurse and a physician).

`world` is the workflow tests' own fixture: each test runs on the desk's SQLite file
and on a throwaway PostgreSQL team server (tests/postgres/pg_server.py), from the
same accounts and settings. Its server template gets a name of its own here, since
both folders may run in one session.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "workflow"))

from workflow_helpers import _build_template, template_db  # noqa: F401 - a fixture

_spec = importlib.util.spec_from_file_location(
    "workflow_conftest", Path(__file__).parent.parent / "workflow" / "conftest.py"
)
assert _spec is not None and _spec.loader is not None
_workflow = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_workflow)

world = _workflow.world
_stop_pg_server = _workflow._stop_pg_server


@pytest.fixture(scope="session")
def pg_template() -> str:
    """The workflow accounts and settings on the server (what `world` copies)."""
    server = _workflow.shared_server()
    server.create_database(template="ixreview_template", name="ixreview_pas_template")
    _build_template(server.url("ixreview_pas_template"))
    return "ixreview_pas_template"
