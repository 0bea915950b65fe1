"""The decision clock: when a determination is due, how much time is left.

The clock starts at the request's `received_at`. Limits are settings per plan
type and urgency, with these defaults:

- commercial (ERISA, state-regulated): expedited 72 hours, standard 15 days
  (29 CFR 2560.503-1 urgent and pre-service claims);
- medicare_advantage: ixabepilone is a Part B drug, and MA plans decide Part B
  drug requests within 24 hours (expedited) and 72 hours (standard) (42 CFR
  422.572(a)(2), 422.568(b)(3)). The 2026 72-hour / 7-day rule excludes drugs.

Setting keys (numbers): `clock.expedited_hours` and `clock.standard_days` for
commercial plans, and `clock.medicare_advantage.expedited_hours` /
`clock.medicare_advantage.standard_hours`. The store records the due time at
import with these rules and the member's plan; the queue shows time left.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from ixreview.domain.case import Urgency


class PlanType(StrEnum):
    COMMERCIAL = "commercial"
    MEDICARE_ADVANTAGE = "medicare_advantage"


@dataclass(frozen=True)
class ClockRule:
    expedited: timedelta
    standard: timedelta

    def limit(self, urgency: Urgency | None) -> timedelta:
        # A request not marked expedited runs on the standard clock (the plan's
        # intake marks urgency; absent means nobody asked for expedited review).
        return self.expedited if urgency == Urgency.EXPEDITED else self.standard


DEFAULT_RULES: dict[PlanType, ClockRule] = {
    PlanType.COMMERCIAL: ClockRule(expedited=timedelta(hours=72), standard=timedelta(days=15)),
    PlanType.MEDICARE_ADVANTAGE: ClockRule(
        expedited=timedelta(hours=24), standard=timedelta(hours=72)
    ),
}


def plan_type_of(plan_name: str | None) -> PlanType:
    """The clock's plan type from the member's plan name ("Medicare Advantage HMO", ...)."""
    if plan_name and "medicare" in plan_name.casefold():
        return PlanType.MEDICARE_ADVANTAGE
    return PlanType.COMMERCIAL


# setting key -> (plan type, urgency, unit in hours)
SETTING_KEYS: dict[str, tuple[PlanType, Urgency, float]] = {
    "clock.expedited_hours": (PlanType.COMMERCIAL, Urgency.EXPEDITED, 1),
    "clock.standard_days": (PlanType.COMMERCIAL, Urgency.STANDARD, 24),
    "clock.medicare_advantage.expedited_hours": (PlanType.MEDICARE_ADVANTAGE, Urgency.EXPEDITED, 1),
    "clock.medicare_advantage.standard_hours": (PlanType.MEDICARE_ADVANTAGE, Urgency.STANDARD, 1),
}


def rules_from_settings(settings: Mapping[str, object]) -> dict[PlanType, ClockRule]:
    """The defaults, overridden by every readable setting in `SETTING_KEYS`."""
    limits = {
        (plan, urgency): rule.limit(urgency)
        for plan, rule in DEFAULT_RULES.items()
        for urgency in Urgency
    }
    for key, (plan, urgency, unit_hours) in SETTING_KEYS.items():
        value = _number(settings.get(key))
        if value is not None and 0 < value * unit_hours <= 24 * 366:
            limits[plan, urgency] = timedelta(hours=value * unit_hours)
    return {
        plan: ClockRule(
            expedited=limits[plan, Urgency.EXPEDITED], standard=limits[plan, Urgency.STANDARD]
        )
        for plan in PlanType
    }


def _number(raw: object) -> float | None:
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        return None
    try:
        return float(raw)
    except ValueError:
        return None


@dataclass(frozen=True)
class ClockStatus:
    due_at: datetime
    remaining: timedelta  # negative once overdue

    @property
    def overdue(self) -> bool:
        return self.remaining < timedelta(0)

    @property
    def label(self) -> str:
        """ "2 d 4 h left", "45 min left", "overdue by 3 h" — for the queue."""
        text = _span(abs(self.remaining))
        return f"overdue by {text}" if self.overdue else f"{text} left"


def due_at(
    received_at: datetime,
    urgency: Urgency | None,
    plan_type: PlanType,
    rules: Mapping[PlanType, ClockRule] = DEFAULT_RULES,
) -> datetime:
    if received_at.tzinfo is None:
        raise ValueError("received_at must carry a time zone")
    try:
        return received_at + rules[plan_type].limit(urgency)
    except OverflowError:
        # The case model refuses such dates (case.py); a caller that skipped it gets a
        # ValueError naming the field, never an OverflowError from deep in a command.
        raise ValueError(
            f"received_at: {received_at.date().isoformat()} is too far from the present "
            "for the decision clock"
        ) from None


def status(due: datetime, now: datetime) -> ClockStatus:
    return ClockStatus(due_at=due, remaining=due - now)


def _span(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h" if hours else f"{days} d"
    if hours:
        return f"{hours} h {mins} min" if mins else f"{hours} h"
    return f"{mins} min"
