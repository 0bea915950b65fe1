"""Read-only queries for the committee and the medical director: the rows a policy
replay re-evaluates and the aggregates of the utilization-management metrics.

Nothing here writes or audits; the workflow signs the user in and records what was
read. On the desk (SQLite) the metrics read the monthly totals of the rollup
(schema 6, `store/metrics_rollup.py`, kept by triggers): a report over a million
determinations reads a few thousand totals, never the rows. Only a month cut by
the period's start or end (a `--from`/`--to` in mid-month) is counted from its rows
in `decision_times` (one small row per determination, migration 3) through covering
indexes. A median is exact: the rollup's histogram of seconds to decision finds the
bucket holding the middle rank, and only that bucket's rows are read and sorted.

On the team server (a PostgreSQL store) each query runs the server's SQL in
`store/postgres/reporting.py` over the same derived table and returns the same
values; `run_all` runs a report's independent queries at once on either backend.

Periods are UTC calendar months numbered `year * 12 + month - 1` (the `month`
column); `start` and `end` are ISO dates or times compared as text, `end` exclusive.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any, Protocol, TypeVar

from ixreview.store.metrics_rollup import bucket_range, bucket_sql

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
                # Walk ids from `after` and test the period in the index: without it the
                # planner reads and sorts the whole rest of the period for every page.
                " FROM requests r INDEXED BY requests_order JOIN reviews v ON v.request_id = r.id"
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
    server = _server(store)
    if server is not None:
        first, last, aligned = _month_bounds(start, end)
        rows = server.decision_groups(store, first, last, None if aligned else (start, end))
        return _decision_groups(rows)
    span = _span(start, end)
    rows = store.conn.execute(
        "SELECT month, expedited, decision, current, count, seconds, on_time"
        " FROM metrics_decided WHERE month BETWEEN ? AND ?",
        (span.first, span.last),
    ).fetchall()
    for month in span.cut:
        rows += store.conn.execute(
            "SELECT month, expedited, decision, current, count(*), sum(seconds), sum(on_time)"
            " FROM decision_times INDEXED BY decision_times_period"
            " WHERE month = ? AND decided_at >= ? AND decided_at < ?"
            " GROUP BY month, expedited, decision, current",
            (month, start, end),
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
    span = _span(start, end)
    totals: Counter[tuple[int, str, int]] = Counter()
    rows = store.conn.execute(
        "SELECT decider_id, decision, current, sum(count) FROM metrics_by_reviewer"
        " WHERE month BETWEEN ? AND ? GROUP BY decider_id, decision, current",
        (span.first, span.last),
    ).fetchall()
    for month in span.cut:
        rows += store.conn.execute(
            "SELECT decider_id, decision, current, count(*)"
            " FROM decision_times INDEXED BY decision_times_period"
            " WHERE month = ? AND decided_at >= ? AND decided_at < ?"
            " GROUP BY decider_id, decision, current",
            (month, start, end),
        ).fetchall()
    for u, d, c, n in rows:
        totals[int(u), str(d), int(c)] += int(n)
    return [(u, d, bool(c), n) for (u, d, c), n in totals.items() if n]


def _month_bounds(start: str, end: str) -> tuple[int, int, bool]:
    """First and last month of [start, end) and whether both ends fall on month starts
    (then the month numbers alone select the rows)."""
    first = month_number(start)
    last_day = date.fromisoformat(end[:10]) - timedelta(days=1)
    last = last_day.year * 12 + last_day.month - 1
    aligned = start[8:10] == "01" and end[8:10] == "01" and len(start) == len(end) == 10
    return first, last, aligned


def _month_start(month: int) -> str:
    return f"{month // 12:04d}-{month % 12 + 1:02d}-01"


@dataclass(frozen=True)
class _Span:
    """The months of [start, end): `first`..`last` lie wholly inside it (read from the
    rollup's totals; none when first > last), `cut` are those its start or end cuts
    (at most two, counted from their rows)."""

    first: int
    last: int
    cut: tuple[int, ...]


def _span(start: str, end: str) -> _Span:
    first = month_number(start)
    last = month_number(end)
    if end <= _month_start(last):  # ends at the start of that month: it is not in
        last -= 1
    if last < first:
        return _Span(first, first - 1, ())

    def whole(month: int) -> bool:
        return start <= _month_start(month) and _month_start(month + 1) <= end

    cut = tuple(m for m in dict.fromkeys((first, last)) if not whole(m))
    return _Span(first + (first in cut), last - (last in cut), cut)


def median_seconds(store: Store, expedited: bool, start: str, end: str, count: int) -> float | None:
    """The exact median time from receipt to decision of the current approvals and
    denials decided in [start, end) (`count` of them, from `decision_groups`; on the
    desk the rollup's histogram counts them again within one read)."""
    if count <= 0:
        return None
    server = _server(store)
    if server is not None:
        return medians(store, [(expedited, start, end, count)])[0]
    with _snapshot(store.conn):
        return _median(store.conn, int(expedited), start, end)


_MEDIAN_ROWS = (
    "FROM decision_times INDEXED BY decision_times_median"
    " WHERE current = 1 AND decision IN ('A1', 'A3') AND expedited = ?"
)


def _median(conn: sqlite3.Connection, expedited: int, start: str, end: str) -> float | None:
    """The median from the histogram: the bucket(s) of the middle rank(s), then their
    rows only (whole months by index range, cut months clipped to [start, end))."""
    span = _span(start, end)
    clip = " AND month = ? AND decided_at >= ? AND decided_at < ?"
    histogram = conn.execute(
        "SELECT bucket, sum(count) FROM metrics_time_buckets"
        " WHERE expedited = ? AND month BETWEEN ? AND ? GROUP BY bucket ORDER BY bucket",
        (expedited, span.first, span.last),
    ).fetchall()
    if span.cut:
        merged: Counter[int] = Counter(dict(histogram))
        for month in span.cut:
            for bucket, n in conn.execute(
                f"SELECT {bucket_sql('seconds')}, count(*) {_MEDIAN_ROWS}{clip} GROUP BY 1",
                (expedited, month, start, end),
            ):
                merged[bucket] += n
        histogram = sorted(merged.items())
    total = sum(n for _bucket, n in histogram)
    if total == 0:
        return None
    ranks = ((total - 1) // 2, total // 2)  # the middle one, or the middle two
    buckets: list[int] = []
    before = seen = 0
    for bucket, n in histogram:
        if not buckets and ranks[0] < seen + n:
            buckets, before = [bucket], seen
        if ranks[1] < seen + n:
            buckets.append(bucket)
            break
        seen += n
    low, high = bucket_range(buckets[0])[0], bucket_range(buckets[-1])[1]
    seconds = ("" if low is None else f" AND seconds >= {low}") + (
        "" if high is None else f" AND seconds < {high}"
    )
    values: list[int] = []
    if span.first <= span.last:
        months = ", ".join(str(m) for m in range(span.first, span.last + 1))
        sql = f"SELECT seconds {_MEDIAN_ROWS} AND month IN ({months}){seconds}"
        values += [r[0] for r in conn.execute(sql, (expedited,))]
    for month in span.cut:
        sql = f"SELECT seconds {_MEDIAN_ROWS}{clip}{seconds}"
        values += [r[0] for r in conn.execute(sql, (expedited, month, start, end))]
    values.sort()
    return float(sum(values[rank - before] for rank in ranks)) / 2


@contextmanager
def _snapshot(conn: sqlite3.Connection) -> Iterator[None]:
    """One read transaction around queries that must see the same rows."""
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")
    try:
        yield
    finally:
        conn.execute("COMMIT")


def received_counts(store: Store, start: str, end: str) -> tuple[int, int]:
    """(standard, expedited) requests received in [start, end); an undocumented
    urgency runs on the standard clock and counts as standard."""
    span = _span(start, end)
    counts = [0, 0]
    for expedited, n in store.conn.execute(
        "SELECT expedited, sum(count) FROM metrics_received"
        " WHERE month BETWEEN ? AND ? GROUP BY expedited",
        (span.first, span.last),
    ):
        counts[expedited] += n
    for month in span.cut:
        lo, hi = max(start, _month_start(month)), min(end, _month_start(month + 1))
        total, expedited = store.conn.execute(
            "SELECT count(*), coalesce(sum(urgency = 'expedited'), 0)"
            " FROM requests INDEXED BY requests_received_urgency"
            " WHERE received_at >= ? AND received_at < ?",
            (lo, hi),
        ).fetchone()
        counts[0] += int(total) - int(expedited)
        counts[1] += int(expedited)
    return counts[0], counts[1]


def medians(store: Store, asks: list[tuple[bool, str, str, int]]) -> list[float | None]:
    """`median_seconds` of each (expedited, start, end, count): on the team server in
    one round trip, on the desk from the rollup's histogram within one read."""
    server = _server(store)
    if server is None:
        with _snapshot(store.conn):
            return [_median(store.conn, int(x), lo, hi) if n > 0 else None for x, lo, hi, n in asks]
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
