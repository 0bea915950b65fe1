"""The due time recorded at import follows the member's plan type and urgency."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from store_helpers import case_text

from ixreview.store import Store

RECEIVED = datetime.fromisoformat("2026-11-19T09:30:00-06:00")


def _due(store: Store, reference: str) -> timedelta:
    record = store.requests.by_reference(reference)
    assert record is not None
    return datetime.fromisoformat(record.decision_due_at) - RECEIVED


@pytest.mark.parametrize(
    ("plan", "urgency", "expected"),
    [
        ("Commercial PPO", "standard", timedelta(days=15)),
        ("Commercial PPO", "expedited", timedelta(hours=72)),
        ("Medicare Advantage HMO", "standard", timedelta(hours=72)),
        ("Medicare Advantage HMO", "expedited", timedelta(hours=24)),
        ("Commercial PPO", None, timedelta(days=15)),  # undocumented: the standard clock
    ],
)
def test_due_time_by_plan_type_and_urgency(store: Store, plan, urgency, expected) -> None:
    store.import_case(case_text(**{"member.plan": plan, "urgency": urgency}))
    assert _due(store, "PA-2026-004211") == expected


def test_a_clock_setting_changes_the_due_time_of_later_imports(store: Store) -> None:
    store.settings.set("clock.medicare_advantage.standard_hours", 48)
    store.import_case(case_text(**{"member.plan": "Medicare Advantage PPO"}))
    assert _due(store, "PA-2026-004211") == timedelta(hours=48)
