"""Fixtures for the store tests: a fresh database and a nurse and a physician.

`store` runs each backend-neutral test twice, on the desk's SQLite file and on
a throwaway PostgreSQL team server (tests/postgres/pg_server.py). Tests that
exercise SQLite itself (its triggers, files, backups, crash safety, query plans)
run on SQLite only; their server counterparts are in tests/postgres.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "postgres"))

from pg_server import fresh_database_url, stop_shared_server

from ixreview.store import Role, Store, User, open_store

# Tests whose subject is SQLite's own machinery (named, so a new test runs on both).
SQLITE_ONLY = frozenset(
    {
        "test_update_and_delete_are_refused_by_triggers",
        "test_edited_entry_is_detected",
        "test_edited_actor_is_detected",
        "test_deleted_entry_is_detected",
        "test_deleted_and_renumbered_entries_are_detected",
        "test_reordered_entries_are_detected",
        "test_requests_are_immutable_and_never_deleted",
        "test_determinations_and_letters_are_immutable",
        "test_users_are_updated_and_deactivated_never_deleted",
        "test_searches_are_driven_by_an_index",
    }
)


# Modules about the SQLite file itself: backup/restore (pg_dump's job on a server).
SQLITE_ONLY_MODULES = frozenset({"test_store_backup"})


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if (
        "backend" in metafunc.fixturenames
        and metafunc.function.__name__ not in SQLITE_ONLY
        and metafunc.module.__name__ not in SQLITE_ONLY_MODULES
    ):
        metafunc.parametrize("backend", ["sqlite", "postgres"], indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session", autouse=True)
def _stop_pg_server() -> Iterator[None]:
    yield
    stop_shared_server()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "cases.sqlite3"


@pytest.fixture
def store(backend: str, db_path: Path) -> Iterator[Store]:
    target: Path | str = fresh_database_url() if backend == "postgres" else db_path
    with open_store(target) as s:
        yield s


@pytest.fixture
def nurse(store: Store) -> User:
    return store.users.create("nurse1", "Nora Nurse", Role.NURSE, credentials="RN")


@pytest.fixture
def physician(store: Store) -> User:
    return store.users.create(
        "drphys", "Paul Physician", Role.PHYSICIAN, credentials="MD", npi="1234567893"
    )
