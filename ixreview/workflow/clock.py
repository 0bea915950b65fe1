"""The decision clock: when a determination is due, how much time is left.

The clock starts at the request's `received_at`. Limits are settings per plan
type and urgency, with these defaults:

- commercial (ERISA, state-regulated): expedited 72 hours, standard 15 days
  (29 CFR 2560.503-1 urgent and pre-service claims);
- medicare_advantage: ixabepilone is a Part B drug, and MA plans decide Part B
  drug requests within 24 hours (expedited) and 72 hours (standard) (42 CFR
  422.572(a)(2), 422.568(b)(3)). The 2026 72-hour / 7-day rule excludes drugs.

Setting keys: `decision_clock.<plan_type>.<urgency>_hours`, e.g.
`decision_clock.commercial.standard_hours = 360`.
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


def rules_from_settings(settings: Mapping[str, str]) -> dict[PlanType, ClockRule]:
    """The defaults, overridden by any readable `decision_clock.*_hours` setting."""
    rules = dict(DEFAULT_RULES)
    for plan in PlanType:
        base = rules[plan]
        rules[plan] = ClockRule(
            expedited=_hours(settings, f"decision_clock.{plan.value}.expedited_hours",
                             base.expedited),
            standard=_hours(settings, f"decision_clock.{plan.value}.standard_hours",
                            base.standard),
        )
    return rules


def _hours(settings: Mapping[str, str], key: str, default: timedelta) -> timedelta:
    raw = settings.get(key)
    if raw is None:
        return default
    try:
        hours = float(raw)
    except ValueError:
        return default
    return timedelta(hours=hours) if 0 < hours <= 24 * 366 else default


@dataclass(frozen=True)
class ClockStatus:
    due_at: datetime
    remaining: timedelta  # negative once overdue

    @property
    def overdue(self) -> bool:
        return self.remaining < timedelta(0)

    @property
    def label(self) -> str:
        """"2 d 4 h left", "45 min left", "overdue by 3 h" — for the queue."""
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
    return received_at + rules[plan_type].limit(urgency)


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
