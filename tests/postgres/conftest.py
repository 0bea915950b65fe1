"""Fixtures of the team-server tests: a fresh database on the throwaway server."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# The store tests' builders (case_text, approval, ...) serve these tests too.
sys.path.insert(0, str(Path(__file__).parent.parent / "store"))
from pg_server import PgServer, fresh_database_url, shared_server, stop_shared_server


@pytest.fixture(scope="session", autouse=True)
def _stop_pg_server() -> Iterator[None]:
    yield
    stop_shared_server()


@pytest.fixture
def pg() -> PgServer:
    return shared_server()


@pytest.fixture
def pg_url() -> str:
    """A new database (schema, roles and grants applied), owned by the superuser."""
    return fresh_database_url()


# The workflow tests' accounts (an administrator, a nurse and a physician, cheap
# Argon2) and letterhead, built once on the server as a template.
sys.path.insert(0, str(Path(__file__).parent.parent / "workflow"))
TEAM_TEMPLATE = "ixreview_team_template"
_team_built: list[str] = []


@pytest.fixture
def team_url(pg: PgServer) -> str:
    """A new database with the workflow tests' staff (see workflow_helpers.PASSWORDS)."""
    from workflow_helpers import _build_template

    if not _team_built:
        pg.create_database(template="ixreview_template", name=TEAM_TEMPLATE)
        _build_template(pg.url(TEAM_TEMPLATE))
        _team_built.append(TEAM_TEMPLATE)
    return pg.url(pg.create_database(template=TEAM_TEMPLATE))
