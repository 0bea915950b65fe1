"""Read-only queries for the committee and the medical director: the rows a policy
replay re-evaluates and the aggregates of the utilization-management metrics.

Nothing here writes or audits; the workflow signs the user in and records what was
read. The metrics read `decision_times` (one small row per determination, kept by
triggers, migration 3) through covering indexes, so a report over a million
determinations is a few index scans and never reads a determination's evaluation.

On the team server (a PostgreSQL store) each query runs the server's SQL in
`store/postgres/reporting.py` over the same derived table and returns the same
values; `run_all` runs a report's independent queries at once on either backend.

Periods are UTC calendar months numbered `year * 12 + month - 1` (the `month`
column); `start` and `end` are ISO dates or times compared as text, `end` exclusive.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any, Protocol, TypeVar

T = TypeVar("T")


class Store(Protocol):
    """What the queries need: an open connection (the `Store`, or a reader of its file)."""

    @property
    def conn(self) -> sqlite3.Connection: ...


def local_file(store: object) -> Path | None:
    """The SQLite file these queries read, or None for another backend."""
    conn = getattr(store, "conn", None)
    path = getattr(store, "path", None)
    return path if isinstance(conn, sqlite3.Connection) and isinstance(path, Path) else None


def _server(store: object) -> ModuleType | None:
    """The team server's queries for a PostgreSQL store (loaded only then)."""
    if getattr(store, "backend", None) != "postgresql":
        return None
    from ixreview.store.postgres import reporting as server

    return server


def supported(store: object) -> bool:
    """Whether these reports can read this store (the desk's file or the team server)."""
    return local_file(store) is not None or _server(store) is not None


def run_all(store: Any, jobs: list[Callable[[Store], T]]) -> list[T]:
    """Run a report's independent read-only queries at once, each on a reader of its
    own: a read-only connection to the desk's file, or a read-only session on the team
    server. SQLite and libpq both wait without holding the GIL, so on two cores the
    report takes about as long as its slowest query instead of their sum."""
    server = _server(store)
    path = local_file(store)
    if server is not None:
        url = store.url

        def reader() -> AbstractContextManager[Any]:
            return server.reader(url)  # type: ignore[no-any-return]
    elif path is not None:
        db = path

        def reader() -> AbstractContextManager[Any]:
            return _file_reader(db)
    else:
        raise TypeError("reports read the desk's SQLite file or the team server")

    def run(job: Callable[[Store], T]) -> T:
        with reader() as r:
            return job(r)

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return list(pool.map(run, jobs))


@contextmanager
def _file_reader(path: Path) -> Iterator[Any]:
    reader = SimpleNamespace(conn=sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10))
    try:
        yield reader
    finally:
        reader.conn.close()


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
    server = _server(store)
    if server is not None:
        return int(server.replay_count(store, policy_id, start, end))
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
    server = _server(store)
    after = 0
    while True:
        if server is not None:
            rows = server.replay_page(store, policy_id, start, end, after, batch)
        else:
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
    server = _server(store)
    if server is not None:
        rows = server.decision_groups(store, first, last, None if aligned else (start, end))
        return _decision_groups(rows)
    clip = "" if aligned else " AND decided_at >= ? AND decided_at < ?"
    rows = store.conn.execute(
        "SELECT month, expedited, decision, current, count(*), sum(seconds), sum(on_time)"
        " FROM decision_times INDEXED BY decision_times_period"
        " WHERE month BETWEEN ? AND ?" + clip + " GROUP BY month, expedited, decision, current",
        (first, last) if aligned else (first, last, start, end),
    ).fetchall()
    return _decision_groups(rows)


def _decision_groups(rows: list[Any]) -> list[DecisionGroup]:
    return [
        DecisionGroup(m, bool(x), d, bool(c), n, int(s or 0), int(o or 0))
        for m, x, d, c, n, s, o in rows
    ]


def reviewer_groups(store: Store, start: str, end: str) -> list[tuple[int, str, bool, int]]:
    """(reviewer id, decision, current, count) of determinations decided in [start, end)."""
    server = _server(store)
    if server is not None:
        rows = server.reviewer_groups(store, start, end)
        return [(int(u), str(d), bool(c), int(n)) for u, d, c, n in rows]
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
    limit, offset = 2 - count % 2, (count - 1) // 2
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
        [*args, limit, offset],
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


def medians(store: Store, asks: list[tuple[bool, str, str, int]]) -> list[float | None]:
    """`median_seconds` of each (expedited, start, end, count): on the team server in
    one round trip, on the desk one offset into its index each."""
    server = _server(store)
    if server is None:
        return [median_seconds(store, x, lo, hi, n) for x, lo, hi, n in asks]
    wanted = [i for i, (_x, _lo, _hi, n) in enumerate(asks) if n > 0]
    pages = []
    for i in wanted:
        expedited, start, end, count = asks[i]
        first, last, aligned = _month_bounds(start, end)
        clip = None if aligned else (start, end)
        pages.append((expedited, first, last, clip, 2 - count % 2, (count - 1) // 2))
    out: list[float | None] = [None] * len(asks)
    for i, value in zip(wanted, server.medians(store, pages), strict=True):
        out[i] = value
    return out


def received_per_period(store: Store, bounds: list[tuple[str, str]]) -> list[tuple[int, int]]:
    """`received_counts` of each [start, end) (on the team server in one round trip)."""
    server = _server(store)
    if server is not None:
        return [(int(a), int(b)) for a, b in server.received_counts(store, bounds)]
    return [received_counts(store, lo, hi) for lo, hi in bounds]


def overdue_now(store: Store, now: str) -> dict[bool, int]:
    """Open reviews (draft, referred, pended) past their decision time, by urgency."""
    server = _server(store)
    rows = (
        server.overdue_now(store, now)
        if server is not None
        else store.conn.execute(
            "SELECT coalesce(r.urgency = 'expedited', 0), count(*)"
            " FROM reviews v INDEXED BY reviews_open JOIN requests r ON r.id = v.request_id"
            " WHERE v.state IN ('draft', 'referred', 'pended') AND r.decision_due_at < ?"
            " GROUP BY 1",
            (now,),
        ).fetchall()
    )
    out = {False: 0, True: 0}
    for x, n in rows:
        out[bool(x)] = int(n)
    return out


def reviewer_names(store: Store, ids: list[int]) -> dict[int, tuple[str, str]]:
    """Full name and credentials of each reviewer id."""
    if not ids:
        return {}
    server = _server(store)
    marks = ", ".join("?" for _ in ids)
    rows = (
        server.reviewer_names(store, ids)
        if server is not None
        else store.conn.execute(
            f"SELECT id, full_name, credentials FROM users WHERE id IN ({marks})", ids
        ).fetchall()
    )
    return {int(i): (str(n), str(c)) for i, n, c in rows}
