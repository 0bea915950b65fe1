"""Both stores provide the interface the workflow relies on (checked by mypy too)."""

from __future__ import annotations

from pathlib import Path

from ixreview.store import open_store
from ixreview.store.interface import StoreInterface
from ixreview.store.postgres import PostgresStore, open_pg_store


def _as_interface(store: StoreInterface) -> StoreInterface:
    return store


def test_both_backends_provide_the_store_interface(pg_url: str, tmp_path: Path) -> None:
    with open_pg_store(pg_url) as server:
        assert isinstance(server, PostgresStore)
        assert _as_interface(server).schema_version == server.schema_version
        assert server.verify_audit_chain().ok
    with open_store(tmp_path / "desk.sqlite3") as desk:
        assert _as_interface(desk).verify_audit_chain().ok
    with open_store(pg_url) as via_url:  # open_store dispatches on the URL
        assert isinstance(via_url, PostgresStore)
