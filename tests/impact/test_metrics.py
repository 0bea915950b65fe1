"""Utilization-management metrics through the workflow, on a small known record."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from impact_helpers import World, day, sample

from ixreview.store import DecisionCode
from ixreview.workflow import metrics
from ixreview.workflow.errors import InvalidInput

A1, A3, A4 = DecisionCode.APPROVED, DecisionCode.DENIED, DecisionCode.PENDED


def _import(world: World, ref: str, received: str, urgency: str) -> str:
    data = sample("bcbst-continuation.json", reference=ref, received_at=received, urgency=urgency)
    data["labs"]["collected_on"] = "2026-09-20"  # before every receipt below
    return world.store.import_case(json.dumps(data), policy="BCBST-IXEMPRA").reference


def _record(world: World) -> None:
    at = lambda text: datetime.fromisoformat(text).replace(tzinfo=UTC)  # noqa: E731
    a = _import(world, "PA-1", "2026-10-01T10:00:00+00:00", "standard")
    b = _import(world, "PA-2", "2026-10-02T10:00:00+00:00", "standard")
    c = _import(world, "PA-3", "2026-10-03T10:00:00+00:00", "expedited")
    d = _import(world, "PA-4", "2026-10-20T10:00:00+00:00", "expedited")
    _import(world, "PA-5", "2026-11-20T10:00:00+00:00", "expedited")  # open, overdue
    world.decide(a, A1, "nina", at("2026-10-03T10:00:00"))  # 48 h, on time
    world.decide(b, A4, "nina", at("2026-10-04T10:00:00"))  # pended ...
    world.decide(b, A3, "drpat", at("2026-10-30T10:00:00"))  # ... then denied: 672 h, late
    world.decide(c, A1, "drpat", at("2026-10-04T10:00:00"))  # 24 h, on time
    world.decide(d, DecisionCode.CANCELLED, "nina", at("2026-10-21T10:00:00"))


def test_counts_shares_times_and_reviewers_per_month(world: World) -> None:
    _record(world)
    report = metrics.metrics(
        world.store, world.sign_in("admin"), start=day("2026-10-01"), end=day("2026-11-30")
    )
    october, november = report.periods
    assert (october.label, november.label) == ("2026-10", "2026-11")
    std, exp = october.by_urgency["standard"], october.by_urgency["expedited"]
    assert (std.received, std.approved, std.denied, std.pended, std.cancelled) == (2, 1, 1, 1, 0)
    assert std.decided == 2 and std.share(std.approved) == pytest.approx(1 / 3)
    assert std.mean_hours == pytest.approx((48 + 672) / 2)
    assert std.median_hours == pytest.approx((48 + 672) / 2)
    assert std.within_clock == pytest.approx(0.5)
    assert (exp.received, exp.approved, exp.cancelled, exp.median_hours) == (2, 1, 1, 24)
    assert november.by_urgency["expedited"].received == 1
    assert november.by_urgency["expedited"].decided == 0
    assert report.overdue_now == {"standard": 0, "expedited": 1}
    reviewers = {r.reviewer: r for r in report.reviewers}
    assert set(reviewers) == {"Nina Nurse, RN", "Pat Physician, MD"}
    assert (reviewers["Nina Nurse, RN"].approved, reviewers["Nina Nurse, RN"].pended) == (1, 1)
    assert reviewers["Pat Physician, MD"].denied == 1
    data = report.to_json()
    assert data["periods"][0]["standard"]["shares"]["denied"] == pytest.approx(0.3333)
    assert report.csv_rows()[0][:3] == ["period", "urgency", "received"]
    assert len(report.csv_rows()) == 1 + 2 * 2
    last = world.store.conn.execute(
        "SELECT object_type, details_json FROM audit_log ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    assert last[0] == "metrics" and '"from": "2026-10-01"' in last[1]


def test_whole_period_and_a_median_of_an_odd_count(world: World) -> None:
    _record(world)
    report = metrics.metrics(
        world.store,
        world.sign_in("nina"),
        start=day("2026-01-01"),
        end=day("2026-12-31"),
        period=metrics.Period.ALL,
    )
    (whole,) = report.periods
    assert whole.label == "all"
    both = [whole.by_urgency[u] for u in metrics.URGENCIES]
    assert sum(f.decided for f in both) == 3
    assert whole.by_urgency["expedited"].median_hours == 24


def test_bad_period_and_dates_are_refused(world: World) -> None:
    with pytest.raises(InvalidInput, match="period"):
        metrics.parse_period("fortnight")
    with pytest.raises(InvalidInput, match="to: "):
        metrics.metrics(
            world.store, world.sign_in("nina"), start=day("2026-02-01"), end=day("2026-01-01")
        )


def test_reports_read_the_desk_file_or_the_team_server(world: World) -> None:
    from ixreview.store import reporting

    assert reporting.local_file(world.store) == world.store.path
    assert reporting.supported(world.store)
    assert reporting.local_file(object()) is None  # the team server: tests/postgres
    assert not reporting.supported(object())  # anything else: refused in words
