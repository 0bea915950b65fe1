"""Issue 14 on the team server: the metrics and the policy impact replay give the desk's
answers, from the same record kept on SQLite and on PostgreSQL, and are audited there."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "impact"))
from impact_helpers import NOW, World, _build, sample

from ixreview.store import DecisionCode, open_store
from ixreview.workflow import impact, metrics

A1, A3, A4, C = (DecisionCode.APPROVED, DecisionCode.DENIED, DecisionCode.PENDED,
                 DecisionCode.CANCELLED)  # fmt: skip
BCBST = [
    "bcbst-approval-capecitabine.json",
    "bcbst-approval-trastuzumab-draft-compare.json",
    "bcbst-continuation.json",
    "bcbst-pend-her2-report.json",
]


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _record(world: World) -> None:
    """Requests over three months, both urgencies, pends, corrections, a cancellation,
    open ones overdue and not; saved answers that change the replay's facts."""
    store = world.store
    refs = []
    for i in range(16):
        data = sample(
            BCBST[i % 4],
            reference=f"PA-2026-7{i:04d}",
            received_at=f"2026-{8 + i % 3:02d}-{3 + i:02d}T{8 + i % 5:02d}:15:00+00:00",
            urgency="expedited" if i % 3 == 0 else "standard",
        )
        if data.get("labs", {}).get("collected_on"):
            data["labs"]["collected_on"] = f"2026-{8 + i % 3:02d}-01"
        refs.append(store.import_case(json.dumps(data), policy="BCBST-IXEMPRA").reference)
    plan: list[tuple[int, DecisionCode, str, str]] = [
        (0, A1, "nina", "2026-08-04T09:00:00"),
        (1, A4, "nina", "2026-09-05T10:00:00"),
        (1, A3, "drpat", "2026-09-20T10:30:00"),
        (2, A1, "drpat", "2026-10-06T11:00:00"),
        (2, A3, "drpat", "2026-10-07T11:00:00"),  # a correction: the approval is superseded
        (3, A3, "drpat", "2026-08-10T12:00:00"),
        (4, A1, "nina", "2026-09-08T08:00:00"),
        (5, C, "nina", "2026-10-09T08:00:00"),
        (6, A1, "nina", "2026-08-30T08:00:00"),
        (7, A4, "nina", "2026-09-12T08:00:00"),
        (8, A1, "drpat", "2026-10-12T09:45:00"),
        (9, A3, "drpat", "2026-08-14T10:00:00"),
        (10, A1, "nina", "2026-09-30T23:59:59"),
        (11, A1, "nina", "2026-10-15T00:00:01"),
    ]
    for i, code, who, at in plan:
        world.decide(refs[i], code, who, _at(at))
    review = store.reviews.for_request(store.requests.by_reference(refs[13]).id)
    answer = {"value": 900, "origin": "override", "set_by": 2, "set_at": NOW.isoformat()}
    store.conn.execute(
        "UPDATE reviews SET answers_json = ? WHERE id = ?",
        (json.dumps({"labs.anc_per_mm3": answer}), review.id),
    )


@pytest.fixture
def worlds(team_url: str, tmp_path: Path) -> Iterator[tuple[World, World]]:
    """The same record on this desk's SQLite file and on the team server."""
    path = tmp_path / "ixreview.sqlite3"
    _build(path)
    desk = World(open_store(path, clock=lambda: NOW), path)
    server = World(open_store(team_url, clock=lambda: NOW), path)
    try:
        for world in (desk, server):
            _record(world)
        yield desk, server
    finally:
        desk.store.close()
        server.store.close()


DRAFT = "BCBST-IXEMPRA@draft"
RANGES = [
    (date(2026, 8, 1), date(2026, 10, 31), metrics.Period.MONTH),
    (date(2026, 8, 1), date(2026, 12, 31), metrics.Period.QUARTER),
    (date(2026, 8, 10), date(2026, 10, 12), metrics.Period.MONTH),  # partial months
    (date(2026, 1, 1), date(2026, 12, 31), metrics.Period.ALL),
    (date(2026, 9, 30), date(2026, 9, 30), metrics.Period.YEAR),
]


@pytest.mark.parametrize(("start", "end", "period"), RANGES)
def test_metrics_are_the_same_on_both_backends(
    worlds: tuple[World, World], start: date, end: date, period: metrics.Period
) -> None:
    answers: list[dict[str, Any]] = []
    for world in worlds:
        report = metrics.metrics(
            world.store, world.sign_in("admin"), start=start, end=end, period=period
        )
        answers.append(report.to_json())
    desk, server = answers
    assert server == desk
    decided = sum(p[u]["decided"] for p in desk["periods"] for u in metrics.URGENCIES)
    if period == metrics.Period.MONTH and start.day == 1:
        assert decided == 10 and desk["overdue_now"] == {"standard": 3, "expedited": 2}


def test_metrics_on_the_server_count_what_the_desk_test_knows(
    worlds: tuple[World, World],
) -> None:
    _desk, server = worlds
    report = metrics.metrics(
        server.store, server.sign_in("nina"), start=date(2026, 10, 1), end=date(2026, 10, 31)
    )
    (october,) = report.periods
    std, exp = october.by_urgency["standard"], october.by_urgency["expedited"]
    # the correction on 7 October supersedes that request's approval of the 6th
    assert (std.approved, std.denied, std.cancelled) == (2, 1, 1)
    assert (exp.approved, exp.denied) == (0, 0)
    assert std.median_hours is not None and std.mean_hours is not None
    entry = [e for e in server.store.audit.entries() if e.object_type == "metrics"][-1]
    assert entry.details == {"from": "2026-10-01", "to": "2026-10-31", "period": "month"}


@pytest.mark.parametrize(
    ("policy", "start", "end", "members"),
    [
        ("BCBST-IXEMPRA@draft", None, None, True),
        ("BCBST-IXEMPRA@draft", date(2026, 9, 1), date(2026, 9, 30), False),
        ("BCBST-IXEMPRA@current", None, date(2026, 8, 31), True),
    ],
)
def test_the_replay_is_the_same_on_both_backends(
    worlds: tuple[World, World], policy: str, start: date | None, end: date | None, members: bool
) -> None:
    reports = [
        impact.replay(
            world.store, world.sign_in("nina"), policy, start=start, end=end, members=members
        )
        for world in worlds
    ]
    desk, server = (r.to_json() for r in reports)
    assert server == desk
    assert reports[1].csv_rows() == reports[0].csv_rows()
    assert desk["rows"], "the range holds requests"
    if start is None and end is None:
        assert len(desk["rows"]) == 16 and reports[0].changed_rows


def test_the_replay_on_the_server_reads_the_saved_facts_and_is_audited(
    worlds: tuple[World, World],
) -> None:
    desk, server = worlds
    saved = "PA-2026-70013"
    rows = [
        {r.reference: r for r in impact.replay(w.store, w.sign_in("drpat"), DRAFT).rows}
        for w in (desk, server)
    ]
    assert rows[1][saved] == rows[0][saved]
    unsaved = impact.replay(server.store, server.sign_in("drpat"), DRAFT).rows
    assert {r.reference for r in unsaved} == set(rows[0])
    entry = [e for e in server.store.audit.entries() if e.object_type == "policy_impact"][-1]
    assert entry.action == "viewed" and entry.actor_id == server.sign_in("drpat").user_id
    assert str(entry.details["policy"]).startswith("BCBST-IXEMPRA@")
    assert server.store.verify_audit_chain().ok
