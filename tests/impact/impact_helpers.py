"""A case store with an administrator, a nurse and a physician, and requests under the
BCBST policy (the samples, some with saved answers), for the impact and metrics tests."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher

from ixreview.domain.engine import evaluate
from ixreview.store import DecisionCode, NewDetermination, ReviewState, Store, open_store
from ixreview.workflow import accounts
from ixreview.workflow.accounts import Security, Session

SAMPLES = Path(__file__).parents[2] / "ixreview" / "resources" / "samples"
EXAMPLE = Path(__file__).parents[1] / "data" / "example-case.json"
FAST = Security(hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
PASSWORDS = {
    "admin": "correct-staple-Violet-9",
    "nina": "lantern-orbit-Quartz-7",
    "drpat": "meadow-quiver-Falcon-3",
}
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
# Sample file -> (outcome under BCBST-IXEMPRA@current, outcome under the draft).
BCBST_CASES = {
    "bcbst-approval-capecitabine.json": ("meets_criteria", "does_not_meet_criteria"),
    "bcbst-approval-trastuzumab-draft-compare.json": ("meets_criteria", "does_not_meet_criteria"),
    "bcbst-continuation.json": ("meets_criteria", "meets_criteria"),
    "bcbst-pend-her2-report.json": ("needs_information", "needs_information"),
}


def sample(name: str, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SAMPLES / name).read_text("utf-8"))
    data.update(changes)
    return data


def _build(path: Path) -> None:
    with open_store(path, clock=lambda: NOW) as store:
        accounts.create_first_admin(
            store,
            username="admin",
            full_name="Ada Admin",
            password=PASSWORDS["admin"],
            organization="Blue Valley Health Plan",
            security=FAST,
        )
        admin = accounts.sign_in(store, "admin", PASSWORDS["admin"], security=FAST)
        for username, full, role, cred in (
            ("nina", "Nina Nurse", "nurse_reviewer", "RN"),
            ("drpat", "Pat Physician", "physician_reviewer", "MD"),
        ):
            accounts.add_user(
                store,
                admin,
                username=username,
                full_name=full,
                role=role,
                credentials=cred,
                password=PASSWORDS[username],
                admin_password=PASSWORDS["admin"],
                security=FAST,
                npi="1234567893" if role.startswith("physician") else None,
                p2p_phone="865-555-0100" if role.startswith("physician") else None,
            )
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


@dataclass
class World:
    store: Store
    path: Path

    def sign_in(self, username: str) -> Session:
        return accounts.sign_in(self.store, username, PASSWORDS[username], security=FAST)

    def import_bcbst(self) -> dict[str, str]:
        """Each BCBST sample under BCBST-IXEMPRA; file name -> reference."""
        refs = {}
        for i, name in enumerate(sorted(BCBST_CASES)):
            data = sample(name, reference=f"PA-2026-90{i:04d}")
            refs[name] = self.store.import_case(json.dumps(data), policy="BCBST-IXEMPRA").reference
        return refs

    def decide(self, reference: str, code: DecisionCode, decider: str, at: datetime) -> None:
        """Record a determination directly in the store (the metrics count them)."""
        store = self.store
        request = store.requests.by_reference(reference)
        review = store.reviews.for_request(request.id)
        uid = store.users.by_username(decider).id  # type: ignore[union-attr]
        approved = code == DecisionCode.APPROVED
        current = store.determinations.current(request.id)
        store._clock = lambda: at
        store.determinations.add(
            NewDetermination(
                request_id=request.id,
                review_id=review.id,
                evaluation=evaluate(request.case(), request.policy or "BCBST-IXEMPRA"),
                decision=code,
                decider_id=uid,
                decider_role="nurse",
                rationale="test",
                authorization_number="AUTH-1" if approved else None,
                period_start=at.date() if approved else None,
                period_end=(at.date() + timedelta(days=180)) if approved else None,
                units=10 if approved else None,
                supersedes_id=current.id if current else None,
                correction_reason="information received" if current else None,
            ),
            actor=uid,
        )
        state = {DecisionCode.PENDED: "pended", DecisionCode.CANCELLED: "cancelled"}
        store.reviews.save(
            dataclasses.replace(review, state=ReviewState(state.get(code, "decided"))), actor=uid
        )
        store._clock = lambda: NOW


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    # Built for each test: the database's audit key lives in the test's own home.
    path = tmp_path / "ixreview.sqlite3"
    _build(path)
    store = open_store(path, clock=lambda: NOW)
    try:
        yield World(store, path)
    finally:
        store.close()


def day(text: str) -> date:
    return date.fromisoformat(text)
