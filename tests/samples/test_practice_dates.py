"""The practice samples are dated for the day they are loaded: each was received within
the last day, none is overdue on the first day, and each still reaches its outcome."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ixreview.domain.engine import evaluate
from ixreview.domain.intake import parse_case_json
from ixreview.store import open_store
from ixreview.workflow import demo


@pytest.mark.parametrize("days_on", [0, 95, 300])
def test_practice_samples_arrive_today_and_are_not_overdue(tmp_path: Path, days_on: int) -> None:
    now = datetime.now(UTC).replace(microsecond=0) + timedelta(days=days_on, hours=5)
    with open_store(tmp_path / "x.sqlite3", clock=lambda: now) as store:
        imported = demo.import_samples(store, actor=None)
        assert all(item.imported for item in imported)
        for item in imported:
            request = store.requests.by_reference(item.reference)
            received = datetime.fromisoformat(request.received_at)
            due = datetime.fromisoformat(request.decision_due_at)
            assert 0 <= (now - received).total_seconds() <= 24 * 3600, item.reference
            assert due > now, f"{item.reference} is overdue on the first day"
            case = parse_case_json(request.intake_json)
            assert case.member.birth_date.isoformat() == item.sample.data()["member"]["birth_date"]
            outcome = evaluate(case, policy=item.sample.policy).outcome
            assert outcome == item.sample.expected_outcome, item.reference
