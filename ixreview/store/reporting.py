"""Read-only queries for the committee and the medical director: the rows a policy
replay re-evaluates and the aggregates of the utilization-management metrics.

Nothing here writes or audits; the workflow signs the user in and records what was
read. The metrics read `decision_times` (one small row per determination, kept by
triggers, migration 3) through covering indexes, so a report over a million
determinations is a few index scans and never reads a determination's evaluation.

Periods are UTC calendar months numbered `year * 12 + month - 1` (the `month`
column); `start` and `end` are ISO dates or times compared as text, `end` exclusive.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Protocol, TypeVar

T = TypeVar("T")


class Store(Protocol):
    """What the queries need: an open connection (the `Store`, or a reader of its file)."""

    @property
    def conn(self) -> sqlite3.Connection: ...


def local_file(store: object) -> Path | None:
    """The SQLite file these queries read, or None for another backend (the team
    server's PostgreSQL: not supported by these reports yet)."""
    conn = getattr(store, "conn", None)
    path = getattr(store, "path", None)
    return path if isinstance(conn, sqlite3.Connection) and isinstance(path, Path) else None


class _Reader:
    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)


def in_parallel(path: Path, jobs: list[Callable[[Store], T]]) -> list[T]:
    """Run read-only queries at once, each on its own read-only connection to the
    database file: SQLite works without holding the GIL, so on two cores the report
    takes about as long as its slowest query instead of their sum."""

    def run(job: Callable[[Store], T]) -> T:
        reader = _Reader(path)
        try:
            return job(reader)
        finally:
            reader.conn.close()

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return list(pool.map(run, jobs))


@dataclass(frozen=True)
class ReplayRow:
    """One request with the facts as last saved or decided (intake plus saved answers)."""

    request_id: int
    reference: str
    received_at: str
    policy: str
    state: str
    member_id: str | None
    member_name: str
    intake_json: str
    answers_json: str


@dataclass(frozen=True)
class DecisionGroup:
    """Determinations of one month, urgency, decision and currency."""

    month: int
    expedited: bool
    decision: str
    current: bool
    count: int
    seconds: int
    on_time: int


def month_number(iso: str) -> int:
    return int(iso[:4]) * 12 + int(iso[5:7]) - 1


def replay_count(store: Store, policy_id: str, start: str, end: str) -> int:
    row = store.conn.execute(
        "SELECT count(*) FROM requests WHERE received_at >= ? AND received_at < ?"
        " AND policy >= ? AND policy < ?",
        (start, end, f"{policy_id}@", f"{policy_id}A"),  # 'A' sorts right after '@'
    ).fetchone()
    return int(row[0])


def replay_rows(
    store: Store, policy_id: str, start: str, end: str, *, batch: int = 2000
) -> Iterator[list[ReplayRow]]:
    """Requests assigned a version of `policy_id`, received in [start, end), in id
    order, in batches (keyset pages: memory stays flat for any record size)."""
    after = 0
    while True:
        rows = store.conn.execute(
            "SELECT r.id, r.reference, r.received_at, r.policy, v.state, r.member_id,"
            " r.member_name, r.intake_json, v.answers_json"
            " FROM requests r JOIN reviews v ON v.request_id = r.id"
            " WHERE r.id > ? AND r.received_at >= ? AND r.received_at < ?"
            " AND r.policy >= ? AND r.policy < ? ORDER BY r.id LIMIT ?",
            (after, start, end, f"{policy_id}@", f"{policy_id}A", batch),
        ).fetchall()
        if not rows:
            return
        yield [ReplayRow(*row) for row in rows]
        after = rows[-1][0]


def decision_groups(store: Store, start: str, end: str) -> list[DecisionGroup]:
    """Determinations decided in [start, end), by month, urgency, decision, currency."""
    first, last, aligned = _month_bounds(start, end)
    clip = "" if aligned else " AND decided_at >= ? AND decided_at < ?"
    rows = store.conn.execute(
        "SELECT month, expedited, decision, current, count(*), sum(seconds), sum(on_time)"
        " FROM decision_times INDEXED BY decision_times_period"
        " WHERE month BETWEEN ? AND ?" + clip + " GROUP BY month, expedited, decision, current",
        (first, last) if aligned else (first, last, start, end),
    ).fetchall()
    return [
        DecisionGroup(m, bool(x), d, bool(c), n, int(s or 0), int(o or 0))
        for m, x, d, c, n, s, o in rows
    ]


def reviewer_groups(store: Store, start: str, end: str) -> list[tuple[int, str, bool, int]]:
    """(reviewer id, decision, current, count) of determinations decided in [start, end)."""
    rows = store.conn.execute(
        "SELECT decider_id, decision, current, count(*)"
        " FROM decision_times INDEXED BY decision_times_reviewer"
        " WHERE decided_at >= ? AND decided_at < ? GROUP BY decider_id, decision, current",
        (start, end),
    ).fetchall()
    return [(int(u), str(d), bool(c), int(n)) for u, d, c, n in rows]


def _month_bounds(start: str, end: str) -> tuple[int, int, bool]:
    """First and last month of [start, end) and whether both ends fall on month starts
    (then the month numbers alone select the rows)."""
    first = month_number(start)
    last_day = date.fromisoformat(end[:10]) - timedelta(days=1)
    last = last_day.year * 12 + last_day.month - 1
    aligned = start[8:10] == "01" and end[8:10] == "01" and len(start) == len(end) == 10
    return first, last, aligned


def median_seconds(store: Store, expedited: bool, start: str, end: str, count: int) -> float | None:
    """The exact median time from receipt to decision of the `count` current approvals
    and denials decided in [start, end) (count from `decision_groups`).

    Within one month the partial index is already in `seconds` order, so the median is
    an offset into it; a longer period sorts its rows."""
    if count <= 0:
        return None
    first, last, aligned = _month_bounds(start, end)
    where = "month = ?" if first == last else "month BETWEEN ? AND ?"
    args: list[object] = [int(expedited), first] if first == last else [int(expedited), first, last]
    if not aligned:
        where += " AND decided_at >= ? AND decided_at < ?"
        args += [start, end]
    rows = store.conn.execute(
        "SELECT seconds FROM decision_times INDEXED BY decision_times_median"
        " WHERE current = 1 AND decision IN ('A1', 'A3') AND expedited = ? AND "
        + where
        + " ORDER BY seconds LIMIT ? OFFSET ?",
        [*args, 2 - count % 2, (count - 1) // 2],
    ).fetchall()
    values = [int(r[0]) for r in rows]
    return sum(values) / len(values) if values else None


def received_counts(store: Store, start: str, end: str) -> tuple[int, int]:
    """(standard, expedited) requests received in [start, end); an undocumented
    urgency runs on the standard clock and counts as standard."""
    total, expedited = store.conn.execute(
        "SELECT count(*), coalesce(sum(urgency = 'expedited'), 0)"
        " FROM requests INDEXED BY requests_received_urgency"
        " WHERE received_at >= ? AND received_at < ?",
        (start, end),
    ).fetchone()
    return int(total) - int(expedited), int(expedited)


def overdue_now(store: Store, now: str) -> dict[bool, int]:
    """Open reviews (draft, referred, pended) past their decision time, by urgency."""
    rows = store.conn.execute(
        "SELECT coalesce(r.urgency = 'expedited', 0), count(*)"
        " FROM reviews v INDEXED BY reviews_open JOIN requests r ON r.id = v.request_id"
        " WHERE v.state IN ('draft', 'referred', 'pended') AND r.decision_due_at < ?"
        " GROUP BY 1",
        (now,),
    ).fetchall()
    out = {False: 0, True: 0}
    for x, n in rows:
        out[bool(x)] = int(n)
    return out


def reviewer_names(store: Store, ids: list[int]) -> dict[int, tuple[str, str]]:
    """Full name and credentials of each reviewer id."""
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    rows = store.conn.execute(
        f"SELECT id, full_name, credentials FROM users WHERE id IN ({marks})", ids
    ).fetchall()
    return {int(i): (str(n), str(c)) for i, n, c in rows}
