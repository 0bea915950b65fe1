"""Time stamps and decision clocks.

All stored times are UTC ISO 8601 strings of one fixed shape, so text order is
time order and indexes sort them correctly.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from ixreview.domain import clock
from ixreview.domain.case import Urgency


def utc_iso(moment: datetime) -> str:
    """'2026-11-19T15:30:00.000000+00:00' for any aware datetime."""
    if moment.tzinfo is None:
        raise ValueError("a stored time must carry a UTC offset")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def system_now() -> datetime:
    return datetime.now(UTC)


def decision_due(
    received_at: datetime,
    urgency: Urgency | None,
    plan: str | None,
    settings: Mapping[str, object],
) -> datetime:
    """When the decision is due, by the member's plan type (commercial or Medicare
    Advantage) and urgency; an undocumented urgency runs on the standard clock."""
    rules = clock.rules_from_settings(settings)
    return clock.due_at(received_at, urgency, clock.plan_type_of(plan), rules)
