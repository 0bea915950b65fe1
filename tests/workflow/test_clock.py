"""The decision clock per plan type and urgency."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from ixreview.domain.case import Urgency
from ixreview.domain.clock import (
    PlanType,
    due_at,
    plan_type_of,
    rules_from_settings,
    status,
)

CST = timezone(timedelta(hours=-6))
RECEIVED = datetime(2026, 11, 19, 9, 30, tzinfo=CST)


def test_commercial_defaults() -> None:
    assert due_at(RECEIVED, Urgency.EXPEDITED, PlanType.COMMERCIAL) == RECEIVED + timedelta(
        hours=72
    )
    assert due_at(RECEIVED, Urgency.STANDARD, PlanType.COMMERCIAL) == RECEIVED + timedelta(
        days=15
    )
    assert due_at(RECEIVED, None, PlanType.COMMERCIAL) == RECEIVED + timedelta(days=15)


def test_medicare_advantage_part_b_drug_defaults() -> None:
    ma = PlanType.MEDICARE_ADVANTAGE
    assert due_at(RECEIVED, Urgency.EXPEDITED, ma) == RECEIVED + timedelta(hours=24)
    assert due_at(RECEIVED, Urgency.STANDARD, ma) == RECEIVED + timedelta(hours=72)


def test_plan_type_from_the_plan_name() -> None:
    assert plan_type_of("Medicare Advantage HMO") == PlanType.MEDICARE_ADVANTAGE
    assert plan_type_of("Commercial PPO") == PlanType.COMMERCIAL
    assert plan_type_of(None) == PlanType.COMMERCIAL


def test_settings_override_defaults_and_bad_values_fall_back() -> None:
    rules = rules_from_settings(
        {
            "clock.standard_days": 7,
            "clock.expedited_hours": -1,
            "clock.medicare_advantage.expedited_hours": "soon",
            "clock.medicare_advantage.standard_hours": "48",
        }
    )
    assert rules[PlanType.COMMERCIAL].standard == timedelta(days=7)
    assert rules[PlanType.COMMERCIAL].expedited == timedelta(hours=72)
    assert rules[PlanType.MEDICARE_ADVANTAGE].expedited == timedelta(hours=24)
    assert rules[PlanType.MEDICARE_ADVANTAGE].standard == timedelta(hours=48)
    due = due_at(RECEIVED, Urgency.STANDARD, PlanType.COMMERCIAL, rules)
    assert due == RECEIVED + timedelta(days=7)


def test_time_left_and_overdue() -> None:
    due = due_at(RECEIVED, Urgency.EXPEDITED, PlanType.COMMERCIAL)
    early = status(due, RECEIVED + timedelta(hours=22))
    assert not early.overdue and early.label == "2 d 2 h left"
    late = status(due, due + timedelta(hours=3))
    assert late.overdue and late.label == "overdue by 3 h"
    assert status(due, due - timedelta(minutes=45)).label == "45 min left"


def test_naive_received_at_is_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        due_at(datetime(2026, 11, 19, 9, 30), Urgency.STANDARD, PlanType.COMMERCIAL)
