"""Fixtures for the store tests: a fresh database and a nurse and a physician."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ixreview.store import Role, Store, User, open_store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "cases.sqlite3"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with open_store(db_path) as s:
        yield s


@pytest.fixture
def nurse(store: Store) -> User:
    return store.users.create("nurse1", "Nora Nurse", Role.NURSE, credentials="RN")


@pytest.fixture
def physician(store: Store) -> User:
    return store.users.create(
        "drphys", "Paul Physician", Role.PHYSICIAN, credentials="MD", npi="1234567893"
    )
