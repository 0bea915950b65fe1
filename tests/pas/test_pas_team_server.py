"""On a team server (PostgreSQL) PAS Bundles are not kept yet: import and responses are
refused in words, nothing is stored (the throwaway server of tests/postgres)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pas_helpers import bundle_text

from ixreview.store import NotFoundError, open_store
from ixreview.workflow import records
from ixreview.workflow.errors import NotPermitted

sys.path.insert(0, str(Path(__file__).parents[1] / "postgres"))
from pg_server import fresh_database_url  # stopped at exit by pg_server itself


def test_team_server_refuses_a_pas_bundle_in_words() -> None:
    with open_store(fresh_database_url()) as store:
        with pytest.raises(NotPermitted, match="PAS request Bundle is not available on the team"):
            records.import_text(store, None, bundle_text("complete"), policy="ING-CC-0090")
        with pytest.raises(NotFoundError):
            store.requests.by_reference("PA-2026-004211")
