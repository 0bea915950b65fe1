"""Utilization-management metrics: how the desk's prior authorizations go, per period,
standard and expedited apart (the figures CMS-0057-F asks plans to publish).

Read-only and audited: a signed-in, active account only; the audit entry names the
period asked for, never a member. Counting rules (docs/impact-and-metrics.md):

- received: requests received in the period (by receipt time);
- approved, denied, cancelled: current determinations (not superseded by a
  correction or a later decision) made in the period; decided = approved + denied;
- pended: every request for information sent in the period (an approval after a
  pend supersedes the pend, which still counts as a pend);
- time to decision: receipt to the approval or denial, mean and exact median;
  within the clock: decided by the request's decision due time;
- overdue now: open reviews past their due time at the moment of the report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from ixreview.store import Store, reporting
from ixreview.store.clock import utc_iso
from ixreview.workflow.accounts import Session, active_user
from ixreview.workflow.errors import InvalidInput, NotPermitted

URGENCIES = ("standard", "expedited")
# "C" is X12 306 cancelled; databases before the PAS migration stored a cancel as "A6".
_KINDS = {"A1": "approved", "A3": "denied", "A4": "pended", "C": "cancelled", "A6": "cancelled"}
_WORDS = ("approved", "denied", "pended", "cancelled")


class Period(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    ALL = "all"


@dataclass
class UrgencyFigures:
    """One urgency's figures for one period."""

    received: int = 0
    approved: int = 0
    denied: int = 0
    pended: int = 0
    cancelled: int = 0
    on_time: int = 0
    total_seconds: int = 0
    median_hours: float | None = None

    @property
    def decided(self) -> int:
        return self.approved + self.denied

    def share(self, count: int) -> float | None:
        """Share of the decided (approved, denied) or of all determinations (others)."""
        base = self.decided + self.pended + self.cancelled
        return None if base == 0 else count / base

    @property
    def mean_hours(self) -> float | None:
        return None if self.decided == 0 else self.total_seconds / self.decided / 3600

    @property
    def within_clock(self) -> float | None:
        return None if self.decided == 0 else self.on_time / self.decided

    def to_json(self) -> dict[str, Any]:
        def rounded(x: float | None, digits: int = 4) -> float | None:
            return None if x is None else round(x, digits)

        counts = {
            "received": self.received,
            "decided": self.decided,
            "approved": self.approved,
            "denied": self.denied,
            "pended": self.pended,
            "cancelled": self.cancelled,
        }
        shares = {
            k: rounded(self.share(v))
            for k, v in counts.items()
            if k in ("approved", "denied", "pended", "cancelled")
        }
        return {
            **counts,
            "shares": shares,
            "mean_hours_to_decision": rounded(self.mean_hours, 2),
            "median_hours_to_decision": rounded(self.median_hours, 2),
            "share_within_clock": rounded(self.within_clock),
        }


@dataclass
class PeriodFigures:
    label: str
    start: str  # first day (ISO date)
    end: str  # the day after the last (ISO date)
    by_urgency: dict[str, UrgencyFigures] = field(
        default_factory=lambda: {u: UrgencyFigures() for u in URGENCIES}
    )


@dataclass(frozen=True)
class ReviewerCount:
    reviewer: str  # full name with credentials
    approved: int
    denied: int
    pended: int
    cancelled: int

    @property
    def total(self) -> int:
        return self.approved + self.denied + self.pended + self.cancelled


@dataclass
class MetricsReport:
    start: str
    end: str  # inclusive (ISO date), as asked
    period: Period
    generated_at: str
    periods: list[PeriodFigures]
    overdue_now: dict[str, int]
    reviewers: list[ReviewerCount]

    def to_json(self) -> dict[str, Any]:
        return {
            "from": self.start,
            "to": self.end,
            "period": self.period.value,
            "generated_at": self.generated_at,
            "periods": [
                {
                    "period": p.label,
                    "from": p.start,
                    "to": (date.fromisoformat(p.end) - timedelta(days=1)).isoformat(),
                    **{u: f.to_json() for u, f in p.by_urgency.items()},
                }
                for p in self.periods
            ],
            "overdue_now": self.overdue_now,
            "reviewers": [
                {
                    "reviewer": r.reviewer,
                    "approved": r.approved,
                    "denied": r.denied,
                    "pended": r.pended,
                    "cancelled": r.cancelled,
                    "total": r.total,
                }
                for r in self.reviewers
            ],
        }

    def csv_rows(self) -> list[list[str]]:
        """One row per period and urgency, for the plan's public report."""
        head = [
            "period", "urgency", "received", "decided", "approved", "approved share",
            "denied", "denied share", "pended", "pended share", "cancelled",
            "cancelled share", "mean hours to decision", "median hours to decision",
            "share decided within the clock",
        ]  # fmt: skip
        rows = [head]
        for p in self.periods:
            for u, f in p.by_urgency.items():
                j = f.to_json()
                s = j["shares"]
                rows.append(
                    [p.label, u, *map(_cell, [
                        f.received, f.decided, f.approved, s["approved"], f.denied,
                        s["denied"], f.pended, s["pended"], f.cancelled, s["cancelled"],
                        j["mean_hours_to_decision"], j["median_hours_to_decision"],
                        j["share_within_clock"],
                    ])]
                )  # fmt: skip
        return rows


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def parse_period(text: str) -> Period:
    try:
        return Period(text.strip().lower())
    except ValueError:
        raise InvalidInput(
            "period", f'"{text}" is not a period; use month, quarter, year or all'
        ) from None


def _period_key(month: int, period: Period) -> int:
    if period == Period.MONTH:
        return month
    if period == Period.QUARTER:
        return month // 3
    if period == Period.YEAR:
        return month // 12
    return 0


def _bounds(key: int, period: Period, start: date, end: date) -> tuple[str, str, str]:
    """Label, first day and the day after the last of a period, clipped to [start, end)."""
    if period == Period.ALL:
        return "all", start.isoformat(), end.isoformat()
    if period == Period.MONTH:
        first, months, label = key, 1, f"{key // 12}-{key % 12 + 1:02d}"
    elif period == Period.QUARTER:
        first, months, label = key * 3, 3, f"{key // 4}-Q{key % 4 + 1}"
    else:
        first, months, label = key * 12, 12, str(key)
    lo = date(first // 12, first % 12 + 1, 1)
    after = first + months
    hi = date(after // 12, after % 12 + 1, 1)
    return label, max(lo, start).isoformat(), min(hi, end).isoformat()


def _periods(period: Period, start: date, end: date) -> list[tuple[int, tuple[str, str, str]]]:
    """Every period from `start` to `end` (inclusive), empty ones too, in order."""
    after = end + timedelta(days=1)
    first = _period_key(start.year * 12 + start.month - 1, period)
    last = _period_key(end.year * 12 + end.month - 1, period)
    return [(k, _bounds(k, period, start, after)) for k in range(first, last + 1)]


def _readable(store: Store) -> Store:
    if not reporting.supported(store):
        raise NotPermitted("reports read this desk's case database or the team server")
    return store


def _reviewer_label(name: str, credentials: str) -> str:
    return f"{name}, {credentials}" if credentials else name


def metrics(
    store: Store,
    session: Session,
    *,
    start: date,
    end: date,
    period: Period = Period.MONTH,
    now: datetime | None = None,
) -> MetricsReport:
    """The metrics for receipts and decisions from `start` to `end` (both inclusive)."""
    if end < start:
        raise InvalidInput("to", "the end date is before the start date")
    user = active_user(store, session)
    lo, hi = start.isoformat(), (end + timedelta(days=1)).isoformat()
    figures = {key: PeriodFigures(*bounds) for key, bounds in _periods(period, start, end)}
    periods = list(figures.values())
    moment = now or store.now()
    jobs: list[Callable[[reporting.Store], Any]] = [
        lambda r: reporting.decision_groups(r, lo, hi),
        lambda r: reporting.reviewer_groups(r, lo, hi),
        lambda r: reporting.received_per_period(r, [(p.start, p.end) for p in periods]),
        lambda r: reporting.overdue_now(r, utc_iso(moment)),
    ]
    groups, reviewer_rows, received, overdue = reporting.run_all(_readable(store), jobs)
    for p, (standard, expedited) in zip(periods, received, strict=True):
        p.by_urgency["standard"].received = standard
        p.by_urgency["expedited"].received = expedited
    for g in groups:
        kind = _KINDS[g.decision]
        if not g.current and kind != "pended":
            continue  # superseded by a correction or a later decision
        f = figures[_period_key(g.month, period)].by_urgency[URGENCIES[g.expedited]]
        setattr(f, kind, getattr(f, kind) + g.count)
        if kind in ("approved", "denied"):
            f.on_time += g.on_time
            f.total_seconds += g.seconds
    cells = [(p, f, u == "expedited") for p in figures.values() for u, f in p.by_urgency.items()]
    asks = [(x, p.start, p.end, f.decided) for p, f, x in cells]
    for (_p, f, _x), seconds in zip(cells, reporting.medians(store, asks), strict=True):
        f.median_hours = None if seconds is None else seconds / 3600
    per_reviewer: dict[int, dict[str, int]] = {}
    for uid, decision, current, n in reviewer_rows:
        kind = _KINDS[decision]
        if current or kind == "pended":
            per_reviewer.setdefault(uid, dict.fromkeys(_WORDS, 0))[kind] += n
    names = reporting.reviewer_names(store, sorted(per_reviewer))
    reviewers = sorted(
        (
            ReviewerCount(_reviewer_label(*names.get(uid, (f"Reviewer #{uid}", ""))), **c)
            for uid, c in per_reviewer.items()
        ),
        key=lambda r: (-r.total, r.reviewer),
    )
    report = MetricsReport(
        start=start.isoformat(),
        end=end.isoformat(),
        period=period,
        generated_at=utc_iso(moment),
        periods=[figures[k] for k in sorted(figures)],
        overdue_now={URGENCIES[x]: n for x, n in sorted(overdue.items())},
        reviewers=reviewers,
    )
    store.audit.append(
        "viewed",
        "metrics",
        None,
        actor=user.id,
        details={"from": report.start, "to": report.end, "period": period.value},
    )
    return report
