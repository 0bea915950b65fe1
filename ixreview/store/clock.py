"""Time stamps and decision clocks.

All stored times are UTC ISO 8601 strings of one fixed shape, so text order is
time order and indexes sort them correctly.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ixreview.domain.case import Urgency
from ixreview.store.models import ClockSettings


def utc_iso(moment: datetime) -> str:
    """'2026-11-19T15:30:00.000000+00:00' for any aware datetime."""
    if moment.tzinfo is None:
        raise ValueError("a stored time must carry a UTC offset")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def system_now() -> datetime:
    return datetime.now(UTC)


def decision_due(received_at: datetime, urgency: Urgency | None, clocks: ClockSettings) -> datetime:
    """When the decision is due; an undocumented urgency runs on the standard clock."""
    if urgency == Urgency.EXPEDITED:
        return received_at + timedelta(hours=clocks.expedited_hours)
    return received_at + timedelta(days=clocks.standard_days)
