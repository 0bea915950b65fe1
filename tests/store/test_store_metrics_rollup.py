"""The metrics rollup (schema 6): its totals equal a computation from scratch after
imports, decisions, corrections and cancellations and after the migration of an
existing database; the reports read from it give the answers of the rows (exact
medians at bucket edges, on months cut by the period, even and odd counts).

SQLite only: the rollup is the desk's; the team server answers from its rows and
tests/postgres/test_pg_reports.py compares both backends' reports.
"""

from __future__ import annotations

import random
import sqlite3
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sqlite_utils import Database
from store_helpers import FixedClock, approval, case_text, denial, evaluation

from ixreview.store import DecisionCode, NewDetermination, Store, open_store, reporting
from ixreview.store.metrics_rollup import (
    BELOW_ZERO,
    TABLES,
    TOP_BUCKET,
    bucket_of,
    bucket_range,
    bucket_sql,
    rebuild,
    recount,
)
from ixreview.store.schema import migrate

START = datetime(2026, 1, 1, tzinfo=UTC)


# -- from scratch ------------------------------------------------------------------


def _month(iso: str) -> int:
    return int(iso[:4]) * 12 + int(iso[5:7]) - 1


def _times_from_scratch(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """decision_times computed in Python from determinations and requests."""
    superseded = {s for (s,) in conn.execute("SELECT supersedes_id FROM determinations")}
    out = []
    for did, decision, decided, decider, received, urgency, due in conn.execute(
        "SELECT d.id, d.decision, d.decided_at, d.decider_id, r.received_at, r.urgency,"
        " r.decision_due_at FROM determinations d JOIN requests r ON r.id = d.request_id"
    ):
        seconds = datetime.fromisoformat(decided) - datetime.fromisoformat(received)
        out.append(
            (did, int(urgency == "expedited"), decision, decided, _month(decided),
             round(seconds.total_seconds()), int(decided <= due), decider,
             int(did not in superseded))
        )  # fmt: skip
    return sorted(out)


def _rollup(conn: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in TABLES}


def _rollup_from_scratch(conn: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    """The totals computed in Python from the rows (not with the rollup's SQL)."""
    decided: dict[tuple[Any, ...], list[int]] = {}
    reviewers: Counter[tuple[Any, ...]] = Counter()
    buckets: Counter[tuple[int, int, int]] = Counter()
    for _id, x, decision, _at, month, seconds, on_time, decider, current in _times_from_scratch(
        conn
    ):
        total = decided.setdefault((month, x, decision, current), [0, 0, 0])
        total[0] += 1
        total[1] += seconds
        total[2] += on_time
        reviewers[decider, decision, current, month] += 1
        if current and decision in ("A1", "A3"):
            buckets[x, month, bucket_of(seconds)] += 1
    received = Counter(
        (_month(at), int(urgency == "expedited"))
        for at, urgency in conn.execute("SELECT received_at, urgency FROM requests")
    )
    return {
        "metrics_decided": sorted((*k, *v) for k, v in decided.items()),
        "metrics_by_reviewer": sorted((*k, n) for k, n in reviewers.items()),
        "metrics_time_buckets": sorted((*k, n) for k, n in buckets.items()),
        "metrics_received": sorted((*k, n) for k, n in received.items()),
    }


def _assert_rollup_is_true(conn: sqlite3.Connection) -> None:
    got = conn.execute("SELECT * FROM decision_times").fetchall()
    assert sorted(got) == _times_from_scratch(conn)
    assert _rollup(conn) == _rollup_from_scratch(conn)


# -- buckets -----------------------------------------------------------------------


def test_buckets_in_sql_and_python_agree_and_tile_the_seconds() -> None:
    edges = {-(2**41), -3601, -1, 0, 1, 31, 32, 63, 64, 65, 66, 95, 96, 97, 127, 128, 129}
    for bits in range(7, 43):
        edges |= {2**bits - 1, 2**bits, 2**bits + 1, 3 * 2 ** (bits - 1)}
    rng = random.Random(6)
    values = sorted(edges | {rng.randrange(-(10**6), 10**7) for _ in range(3000)})
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE s (v INTEGER)")
    conn.executemany("INSERT INTO s VALUES (?)", [(v,) for v in values])
    in_sql = dict(conn.execute(f"SELECT v, {bucket_sql('v')} FROM s").fetchall())
    for v in values:
        assert in_sql[v] == bucket_of(v), v
        low, high = bucket_range(bucket_of(v))
        assert (low is None or low <= v) and (high is None or v < high), v
    # Every bucket from "below zero" to the last adjoins the next: no gap, no overlap.
    for b in range(BELOW_ZERO, TOP_BUCKET):
        assert bucket_range(b)[1] == bucket_range(b + 1)[0], b
    assert bucket_range(BELOW_ZERO)[0] is None and bucket_range(TOP_BUCKET)[1] is None
    # Log-linear: a bucket of an hour's order is about 2-3 % of its time wide.
    low, high = bucket_range(bucket_of(3600))
    assert low is not None and high is not None and 0.01 < (high - low) / low < 0.04


# -- the rollup follows the record -------------------------------------------------


def _decide(store: Store, new: NewDetermination, at: datetime) -> int:
    clock = store._clock
    store._clock = lambda: at
    try:
        return store.determinations.add(new).id
    finally:
        store._clock = clock


def _pend_or_cancel(
    store: Store, code: DecisionCode, request_id: int, decider: int, **kw: Any
) -> NewDetermination:
    return NewDetermination(
        request_id=request_id,
        review_id=store.reviews.for_request(request_id).id,
        evaluation=evaluation(),
        decision=code,
        decider_id=decider,
        decider_role="nurse",
        rationale="Please send the HER2 report. Respond by: 2026-03-01"
        if code == DecisionCode.PENDED
        else "Cancelled: duplicate request.",
        **kw,
    )


def test_the_rollup_follows_imports_decisions_corrections_and_cancellations(
    tmp_path: Path,
) -> None:
    with open_store(tmp_path / "cases.sqlite3", clock=FixedClock()) as store:
        nurse = store.users.create("nurse1", "Nora Nurse", "nurse", credentials="RN").id
        doc = store.users.create("drphys", "Paul Physician", "physician", credentials="MD").id
        ids = []
        for i, (received, urgency) in enumerate(
            [
                ("2026-01-30T23:30:00+00:00", "standard"),
                ("2026-01-31T20:00:00-06:00", "expedited"),  # 1 February in UTC
                ("2026-02-03T08:00:00+00:00", "standard"),
                ("2026-02-27T08:00:00+00:00", "expedited"),
                ("2026-03-02T08:00:00+00:00", "standard"),
            ]
        ):
            text = case_text(
                reference=f"PA-R-{i}",
                received_at=received,
                urgency=urgency,
                **{"labs.collected_on": "2026-01-02"},
            )
            ids.append(store.import_case(text).request_id)
        _assert_rollup_is_true(store.conn)
        at = lambda day, hour=12: datetime(2026, 2, day, hour, tzinfo=UTC)  # noqa: E731
        _decide(store, approval(store, ids[0], nurse, number="AUTH-R0"), at(1))
        pend = _decide(store, _pend_or_cancel(store, DecisionCode.PENDED, ids[1], nurse), at(2))
        _assert_rollup_is_true(store.conn)
        # Information received: the approval supersedes the pend (current 1 -> 0).
        again = approval(store, ids[1], doc, number="AUTH-R1", supersedes=pend, reason="received")
        corrected = _decide(store, again, at(4))
        _decide(store, denial(store, ids[2], doc), at(5))
        cancelled = _decide(
            store, _pend_or_cancel(store, DecisionCode.CANCELLED, ids[3], nurse), at(28)
        )
        _assert_rollup_is_true(store.conn)
        # A correction of the approval (a denial) and a reopened cancellation.
        fix = denial(store, ids[1], doc, supersedes_id=corrected, correction_reason="wrong dose")
        _decide(store, fix, at(6))
        reopened = approval(
            store, ids[3], doc, number="AUTH-R3", supersedes=cancelled, reason="not a duplicate"
        )
        _decide(store, reopened, at(28, 20))
        _assert_rollup_is_true(store.conn)
        decided = {r[:4]: r[4] for r in _rollup(store.conn)["metrics_decided"]}
        february = 2026 * 12 + 1
        assert decided[february, 1, "A4", 0] == 1  # the pend, superseded, still on record
        assert decided[february, 1, "A1", 0] == 1  # the approval corrected to a denial
        assert decided[february, 1, "A3", 1] == 1
        assert decided[february, 1, "C", 0] == 1  # the cancellation, reopened ...
        assert decided[february, 1, "A1", 1] == 1  # ... and approved
        # Derived data: a rebuild from the rows gives the same totals.
        before = _rollup(store.conn)
        with store.transaction():
            rebuild(store.conn)
        assert _rollup(store.conn) == before


def _raw_record(conn: sqlite3.Connection, rows: list[tuple[str, int, str, str, int]]) -> None:
    """Requests, reviews and determinations straight into the tables (no store code,
    as an older program wrote them): (received, seconds to decision, urgency,
    decision, decider). A pend gets a later approval that supersedes it."""
    for received, seconds, urgency, decision, decider in rows:
        at = datetime.fromisoformat(received)
        due = at + (timedelta(hours=72) if urgency == "expedited" else timedelta(days=14))
        rid = conn.execute(
            "INSERT INTO requests (reference, received_at, received_on, urgency,"
            " decision_due_at, imported_at, intake_json)"
            " VALUES ('R' || (SELECT count(*) FROM requests), ?, ?, ?, ?, ?, '{}')",
            (received, received[:10], urgency, due.isoformat(), received),
        ).lastrowid
        view = conn.execute(
            "INSERT INTO reviews (request_id, state, created_at, updated_at)"
            " VALUES (?, 'decided', ?, ?)",
            (rid, received, received),
        ).lastrowid
        chain = (
            [(decision, seconds)] if decision != "A4" else [("A4", seconds // 2), ("A1", seconds)]
        )
        previous = None
        for code, after in chain:
            approved = code == "A1"
            previous = conn.execute(
                "INSERT INTO determinations (request_id, review_id, received_at, policy_id,"
                " policy_version, decision, decider_id, decider_role, rationale,"
                " authorization_number, period_start, period_end, units, supersedes_id,"
                " correction_reason, decided_at, evaluation_json)"
                " VALUES (?, ?, ?, 'ING-CC-0090', '2022-02-25', ?, ?, 'nurse', 'test', ?, ?, ?,"
                " ?, ?, ?, ?, '{}')",
                (
                    rid, view, received, code, decider, "AUTH" if approved else None,
                    "2026-01-01" if approved else None, "2026-06-30" if approved else None,
                    1 if approved else None, previous,
                    None if previous is None else "information received",
                    (at + timedelta(seconds=after)).isoformat(),
                ),
            ).lastrowid  # fmt: skip


def _users(conn: sqlite3.Connection, n: int) -> None:
    conn.executemany(
        "INSERT INTO users (id, username, full_name, role, created_at)"
        " VALUES (?, ?, ?, 'nurse', '2026-01-01T00:00:00.000000+00:00')",
        [(i, f"u{i}", f"User {i}") for i in range(1, n + 1)],
    )


def _random_rows(rng: random.Random, n: int) -> list[tuple[str, int, str, str, int]]:
    """Times over January to April 2026; seconds on bucket edges, spread and tied."""
    edges = [0, 1, 63, 64, 65, 127, 128, 3583, 3584, 3585, 3600, 86400, 2**20, 2**20 + 1]
    rows = []
    for _ in range(n):
        received = START + timedelta(seconds=rng.randrange(105 * 86400))
        seconds = rng.choice(edges) if rng.random() < 0.5 else rng.randrange(20 * 86400)
        rows.append(
            (
                received.isoformat(),
                seconds,
                rng.choice(["standard", "standard", "expedited"]),
                rng.choice(["A1", "A1", "A3", "A4", "C"]),
                rng.randint(1, 4),
            )
        )
    return rows


def test_migration_from_schema_5_backfills_the_rollup_and_it_follows_after(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v5.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(Database(conn, execute_plugins=False), target=5)
    assert (
        conn.execute("SELECT count(*) FROM sqlite_master WHERE name LIKE 'metrics_%'").fetchone()[0]
        == 0
    )
    _users(conn, 4)
    rng = random.Random(5)
    conn.execute("BEGIN")
    _raw_record(conn, _random_rows(rng, 300))
    conn.execute("COMMIT")
    conn.close()
    with open_store(path) as store:
        assert store.schema_version == 6
        _assert_rollup_is_true(store.conn)
        assert sum(r[-1] for r in _rollup(store.conn)["metrics_received"]) == 300
        with store.transaction():
            _raw_record(store.conn, _random_rows(rng, 100))
        _assert_rollup_is_true(store.conn)
        assert store.integrity_check() == ["ok"]


# -- the reports read from it give the rows' answers -------------------------------


@pytest.fixture
def record(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    with open_store(tmp_path / "cases.sqlite3") as store:
        _users(store.conn, 4)
        with store.transaction():
            _raw_record(store.conn, _random_rows(random.Random(14), 700))
        yield store.conn


def _median_of_rows(conn: sqlite3.Connection, expedited: int, start: str, end: str) -> float | None:
    values = sorted(
        s
        for (s,) in conn.execute(
            "SELECT seconds FROM decision_times WHERE current = 1 AND decision IN ('A1', 'A3')"
            " AND expedited = ? AND decided_at >= ? AND decided_at < ?",
            (expedited, start, end),
        )
    )
    if not values:
        return None
    middle = values[(len(values) - 1) // 2 : len(values) // 2 + 1]
    return sum(middle) / len(middle)


def _grouped(
    conn: sqlite3.Connection, keys: str, clip: tuple[str, str], *, sums: bool = False
) -> list[tuple[Any, ...]]:
    """The rows decided in [start, end) grouped by `keys`: count (and sums)."""
    totals = "count(*), sum(seconds), sum(on_time)" if sums else "count(*)"
    return sorted(
        conn.execute(
            f"SELECT {keys}, {totals} FROM decision_times"
            f" WHERE decided_at >= ? AND decided_at < ? GROUP BY {keys}",
            clip,
        ).fetchall()
    )


PERIODS = [
    ("2026-01-01", "2026-06-01"),  # whole months only
    ("2026-02-01", "2026-03-01"),  # one month
    ("2026-01-17", "2026-04-09"),  # cut at both ends
    ("2026-02-01", "2026-03-19"),  # cut at the end
    ("2026-02-11", "2026-05-01"),  # cut at the start
    ("2026-03-05", "2026-03-25"),  # within one month
    ("2026-03-10", "2026-03-11"),  # one day
    ("2026-02-14T06:30:00+00:00", "2026-04-01T00:00:00+00:00"),  # times
    ("2026-01-01T00:00:00+00:00", "2026-03-01T12:00:00+00:00"),
    ("2025-06-01", "2025-09-01"),  # nothing on record
]


def test_reports_from_the_rollup_equal_the_rows_on_whole_and_cut_months(
    record: sqlite3.Connection,
) -> None:
    _assert_rollup_is_true(record)
    reader = SimpleNamespace(conn=record)
    parities = set()
    for start, end in PERIODS:
        clip = (start, end)
        got = reporting.decision_groups(reader, start, end)
        assert sorted(
            (g.month, int(g.expedited), g.decision, int(g.current), g.count, g.seconds, g.on_time)
            for g in got
        ) == _grouped(record, "month, expedited, decision, current", clip, sums=True), clip
        got_reviewers = reporting.reviewer_groups(reader, start, end)
        assert sorted((u, d, int(c), n) for u, d, c, n in got_reviewers) == _grouped(
            record, "decider_id, decision, current", clip
        )
        total, expedited = record.execute(
            "SELECT count(*), coalesce(sum(urgency = 'expedited'), 0) FROM requests"
            " WHERE received_at >= ? AND received_at < ?",
            clip,
        ).fetchone()
        assert reporting.received_counts(reader, start, end) == (total - expedited, expedited)
        asks = []
        for x in (0, 1):
            (n,) = record.execute(
                "SELECT count(*) FROM decision_times WHERE current = 1 AND decision IN"
                " ('A1', 'A3') AND expedited = ? AND decided_at >= ? AND decided_at < ?",
                (x, start, end),
            ).fetchone()
            parities.add(n % 2 if n else None)
            asks.append((bool(x), start, end, n))
            assert reporting.median_seconds(reader, bool(x), start, end, n) == _median_of_rows(
                record, x, start, end
            ), (x, clip, n)
        assert reporting.medians(reader, asks) == [
            _median_of_rows(record, int(x), lo, hi) for x, lo, hi, _n in asks
        ]
    assert parities == {0, 1, None}  # even and odd counts and empty periods were asked


def test_a_median_between_two_buckets_and_at_their_edges(tmp_path: Path) -> None:
    """Two middle values in neighbouring buckets (63 s and 64 s), then in buckets far
    apart with empty ones between; an odd count lands on a bucket's first value."""
    with open_store(tmp_path / "cases.sqlite3") as store:
        _users(store.conn, 1)
        reader = SimpleNamespace(conn=store.conn)
        feb = "2026-02-10T00:00:00+00:00"

        def add(*seconds: int) -> None:
            with store.transaction():
                _raw_record(store.conn, [(feb, s, "standard", "A1", 1) for s in seconds])

        def median(start: str = "2026-02-01", end: str = "2026-03-01") -> float | None:
            return reporting.median_seconds(reader, False, start, end, 1)

        add(63, 64)
        assert bucket_of(63) + 1 == bucket_of(64)
        assert median() == 63.5
        add(10, 10**6)  # 10, 63, 64, 1e6: still 63.5
        assert median() == 63.5
        add(4096)  # odd: 64, the first value of its bucket
        assert median() == 64
        add(4097, 4097)  # 10, 63, 64, 4096, 4097, 4097, 1e6: 4096
        assert median() == 4096
        add(1)  # even: 64 and 4096 in buckets far apart
        assert median() == (64 + 4096) / 2
        # The month cut by the period: the 1,000,000 s decision (on 21 February) falls
        # out of the first ten days and alone makes the rest of the month.
        assert median("2026-02-09", "2026-02-11") == 64
        assert median("2026-02-11", "2026-02-28") == 10**6
        assert median("2026-02-22", "2026-03-01") is None
        _assert_rollup_is_true(store.conn)


def test_the_rollup_follows_rows_changed_or_removed_in_decision_times(
    record: sqlite3.Connection,
) -> None:
    """decision_times rows only arrive and lose `current` today; the rollup follows any
    change of them (an update of every column, a deletion) all the same."""
    record.execute("BEGIN")
    record.execute(
        "UPDATE decision_times SET seconds = seconds + 3600, month = month + 1,"
        " decider_id = 1 + decider_id % 4 WHERE determination_id % 7 = 0"
    )
    record.execute("DELETE FROM decision_times WHERE determination_id % 11 = 0")
    record.execute("COMMIT")
    expected = _rollup(record)
    record.execute("BEGIN")
    recount(record)  # the totals of decision_times as they now stand
    record.execute("COMMIT")
    assert _rollup(record) == expected
    for table in expected:  # no empty total is kept
        assert record.execute(f"SELECT count(*) FROM {table} WHERE count <= 0").fetchone()[0] == 0
