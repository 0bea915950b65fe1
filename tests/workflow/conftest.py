"""Fixtures of the workflow tests; they live in workflow_helpers so tests can import helpers
by a module name that no other test folder uses.

`world` runs each test on the desk's SQLite file and on a throwaway PostgreSQL team
server (tests/postgres/pg_server.py), from the same accounts and settings.
"""

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "postgres"))

import workflow_helpers
from pg_server import shared_server, stop_shared_server
from workflow_helpers import (  # noqa: F401 - re-exported as fixtures
    FakeClock,
    World,
    _build_template,
    draft_policy,
    meets,
    needs_info,
    not_meets,
    template_db,
)

from ixreview.store import open_store

PG_WORKFLOW_TEMPLATE = "ixreview_workflow_template"


@pytest.fixture(scope="session", autouse=True)
def _stop_pg_server() -> Iterator[None]:
    yield
    stop_shared_server()


@pytest.fixture(scope="session")
def pg_template() -> str:
    """The workflow accounts and settings on the server, built once as a template."""
    server = shared_server()
    server.create_database(template="ixreview_template", name=PG_WORKFLOW_TEMPLATE)
    _build_template(server.url(PG_WORKFLOW_TEMPLATE))
    return PG_WORKFLOW_TEMPLATE


@pytest.fixture(params=["sqlite", "postgres"])
def world(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[World]:
    if request.param == "sqlite":
        template = request.getfixturevalue("template_db")
        yield from workflow_helpers.world.__wrapped__(template, tmp_path)
        return
    server = shared_server()
    url = server.url(server.create_database(template=request.getfixturevalue("pg_template")))
    clock = FakeClock()
    store = open_store(url, clock=clock)
    try:
        yield World(store, clock, url)  # type: ignore[arg-type]
    finally:
        store.close()
