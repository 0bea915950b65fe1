"""Shared helpers and fixtures of the workflow tests (imported by conftest.py and the tests)."""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher

from ixreview.domain.engine import evaluate
from ixreview.domain.evaluation import Evaluation
from ixreview.domain.intake import parse_case_json
from ixreview.letters.samples import PLAN
from ixreview.store import Store, open_store
from ixreview.workflow import accounts, letterdata
from ixreview.workflow.accounts import Security, Session

EXAMPLE = Path(__file__).parent.parent / "data" / "example-case.json"


def case_data(**dotted: Any) -> dict[str, Any]:
    """The example case with dotted-path changes ({"labs.anc_per_mm3": 1000})."""
    out: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    for path, value in dotted.items():
        node = out
        *parents, last = path.split(".")
        for p in parents:
            node = node[p]
        if value is _DELETE:
            del node[last]
        else:
            node[last] = copy.deepcopy(value)
    return out


_DELETE = object()
DELETE: Any = _DELETE


def evaluation_of(data: dict[str, Any], policy: str = "ING-CC-0090") -> Evaluation:
    return evaluate(parse_case_json(json.dumps(data)), policy)


@pytest.fixture(scope="session")
def meets() -> Evaluation:
    ev = evaluation_of(case_data())
    assert ev.outcome.value == "meets_criteria"
    return ev


@pytest.fixture(scope="session")
def not_meets() -> Evaluation:
    ev = evaluation_of(case_data(**{"labs.anc_per_mm3": 1000}))
    assert ev.outcome.value == "does_not_meet_criteria"
    return ev


@pytest.fixture(scope="session")
def needs_info() -> Evaluation:
    ev = evaluation_of(case_data(**{"labs.anc_per_mm3": DELETE}))
    assert ev.outcome.value == "needs_information"
    return ev


@pytest.fixture(scope="session")
def draft_policy() -> Evaluation:
    ev = evaluation_of(case_data(), "BCBST-IXEMPRA@draft")
    assert ev.policy.status == "draft"
    return ev


# -- a store with an administrator, a nurse and a physician -------------------------

# Cheap Argon2 parameters for tests only; production uses the library defaults.
FAST = Security(hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
PASSWORDS = {
    "admin": "correct-staple-Violet-9",
    "nina": "lantern-orbit-Quartz-7",
    "drpat": "meadow-quiver-Falcon-3",
}
REFERENCE = "PA-2026-004211"
START = datetime(2026, 11, 22, 15, 0, tzinfo=UTC)


class FakeClock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw: float) -> None:
        self.now += timedelta(**kw)


def _build_template(path: Path | str) -> None:
    with open_store(path, clock=FakeClock()) as store:
        accounts.create_first_admin(
            store, username="admin", full_name="Ada Admin", password=PASSWORDS["admin"],
            organization="Blue Valley Health Plan", security=FAST,
        )
        admin = accounts.sign_in(store, "admin", PASSWORDS["admin"], security=FAST)
        accounts.add_user(
            store, admin, username="nina", full_name="Nina Nurse", role="nurse_reviewer",
            credentials="RN", password=PASSWORDS["nina"], admin_password=PASSWORDS["admin"],
            security=FAST,
        )
        accounts.add_user(
            store, admin, username="drpat", full_name="Pat Physician",
            role="physician_reviewer", credentials="MD", npi="1234567893",
            p2p_phone="865-555-0100", password=PASSWORDS["drpat"],
            admin_password=PASSWORDS["admin"], security=FAST,
        )
        letterdata.set_letterhead(store, PLAN, actor=admin.user_id)
        if not isinstance(path, str):  # a team server URL has no WAL file to fold in
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "ixreview.sqlite3"
    _build_template(path)
    return path


@dataclass
class World:
    store: Store
    clock: FakeClock
    path: Path
    security: Security = FAST
    reference: str = REFERENCE

    @staticmethod
    def pw(username: str) -> str:
        return PASSWORDS[username]

    def sign_in(self, username: str) -> Session:
        return accounts.sign_in(self.store, username, PASSWORDS[username], security=FAST)

    def import_case(self, data: dict[str, Any] | None = None, policy: str = "ING-CC-0090") -> str:
        result = self.store.import_case(json.dumps(data or case_data()), policy=policy)
        return result.reference

    def counts(self) -> dict[str, int]:
        conn = self.store.conn
        return {
            table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in ("determinations", "letters", "audit_log")
        }


@pytest.fixture
def world(template_db: Path, tmp_path: Path) -> Iterator[World]:
    path = tmp_path / "ixreview.sqlite3"
    shutil.copy(template_db, path)
    clock = FakeClock()
    store = open_store(path, clock=clock)
    try:
        yield World(store, clock, path)
    finally:
        store.close()
