"""The reports' read-only queries on the team server (`store/reporting.py` dispatches
here for a PostgreSQL store): the same rows and aggregates as the desk's, in SQL the
server answers from the indexes of migration 4 (`decision_times`, kept by the
server's trigger; `requests_received_urgency`; the partial `reviews_open`).

Times are fixed-shape UTC ISO text under COLLATE "C" (compared byte-wise), and a
policy range ('ID@' <= policy < 'IDA') is compared under "C" too, whatever the
database's locale, as SQLite compares it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace
from typing import Any

from ixreview.store.postgres.connection import PgConn, PgConnection, connect


@contextmanager
def reader(url: str) -> Iterator[Any]:
    """A read-only session of its own on the server, for one query of a report
    (`store/reporting.run_all` runs a report's queries at once on such sessions)."""
    raw: PgConn = connect(url, application_name="ixreview report")
    try:
        # Read only; no JIT: compiling costs more than these short scans save.
        raw.execute("SET default_transaction_read_only = on")
        raw.execute("SET jit = off")
        yield SimpleNamespace(backend="postgresql", raw=raw, conn=PgConnection(raw))
    finally:
        raw.close()


def _rows(store: Any, sql: str, params: Any) -> list[tuple[Any, ...]]:
    return list(store.raw.execute(sql, params).fetchall())


_POLICY = 'r.policy COLLATE "C" >= %(lo_policy)s AND r.policy COLLATE "C" < %(hi_policy)s'


def _policy_range(policy_id: str) -> dict[str, str]:
    return {"lo_policy": f"{policy_id}@", "hi_policy": f"{policy_id}A"}


def replay_count(store: Any, policy_id: str, start: str, end: str) -> int:
    rows = _rows(
        store,
        "SELECT count(*) FROM requests r WHERE r.received_at >= %(start)s"
        " AND r.received_at < %(end)s AND " + _POLICY,
        {"start": start, "end": end, **_policy_range(policy_id)},
    )
    return int(rows[0][0])


def replay_page(
    store: Any, policy_id: str, start: str, end: str, after: int, batch: int
) -> list[tuple[Any, ...]]:
    """One keyset page of the replay's rows (the desk's columns, in id order)."""
    return _rows(
        store,
        "SELECT r.id, r.reference, r.received_at, r.policy, v.state, r.member_id,"
        " r.member_name, r.intake_json, v.answers_json"
        " FROM requests r JOIN reviews v ON v.request_id = r.id"
        " WHERE r.id > %(after)s AND r.received_at >= %(start)s AND r.received_at < %(end)s"
        " AND " + _POLICY + " ORDER BY r.id LIMIT %(batch)s",
        {"after": after, "start": start, "end": end, "batch": batch, **_policy_range(policy_id)},
    )


def decision_groups(
    store: Any, first: int, last: int, clip: tuple[str, str] | None
) -> list[tuple[Any, ...]]:
    where = "" if clip is None else " AND decided_at >= %(start)s AND decided_at < %(end)s"
    start, end = clip or ("", "")
    return _rows(
        store,
        "SELECT month, expedited, decision, current, count(*), sum(seconds), sum(on_time)"
        " FROM decision_times WHERE month BETWEEN %(first)s AND %(last)s" + where
        + " GROUP BY month, expedited, decision, current",
        {"first": first, "last": last, "start": start, "end": end},
    )  # fmt: skip


def reviewer_groups(store: Any, start: str, end: str) -> list[tuple[Any, ...]]:
    return _rows(
        store,
        "SELECT decider_id, decision, current, count(*) FROM decision_times"
        " WHERE decided_at >= %s AND decided_at < %s GROUP BY decider_id, decision, current",
        (start, end),
    )


# A longer period's median sorts its rows (up to a million): in memory, not on disk.
SORT_MEMORY = "64MB"


def medians(
    store: Any, asks: list[tuple[bool, int, int, tuple[str, str] | None, int, int]]
) -> list[float | None]:
    """Every asked median, one round trip for the one-month periods and one for the
    longer ones: for each (expedited, first month, last month, clip, limit, offset),
    the mean of the middle one or two `seconds` of the current approvals and denials.
    Within one month the partial index is in `seconds` order (an offset, no sort)."""
    out: list[float | None] = [None] * len(asks)
    for one_month in (True, False):
        wanted = [i for i, a in enumerate(asks) if (a[1] == a[2]) == one_month]
        if wanted:
            found = _medians(store, [asks[i] for i in wanted], one_month)
            for i, value in zip(wanted, found, strict=True):
                out[i] = value
    return out


def _medians(
    store: Any,
    asks: list[tuple[bool, int, int, tuple[str, str] | None, int, int]],
    one_month: bool,
) -> list[float | None]:
    columns: list[list[Any]] = [[], [], [], [], [], [], []]
    for expedited, first, last, clip, limit, offset in asks:
        lo, hi = clip or ("", "~")  # '~' sorts after every ISO time
        for column, value in zip(columns, (int(expedited), first, last, lo, hi, limit, offset),
                                 strict=True):  # fmt: skip
            column.append(value)
    months = "month = a.first" if one_month else "month >= a.first AND month <= a.last"
    sql = (
        "SELECT (SELECT avg(s.seconds)::float8 FROM (SELECT seconds FROM decision_times"
        " WHERE current = 1 AND decision IN ('A1', 'A3') AND expedited = a.x AND "
        + months
        + " AND decided_at >= a.lo AND decided_at < a.hi"
        " ORDER BY seconds LIMIT a.lim OFFSET a.off) s)"
        " FROM unnest(%s::int[], %s::int[], %s::int[], %s::text[], %s::text[], %s::int[],"
        " %s::int[]) WITH ORDINALITY AS a(x, first, last, lo, hi, lim, off, i) ORDER BY a.i"
    )
    with store.raw.transaction():
        store.raw.execute(f"SET LOCAL work_mem = '{SORT_MEMORY}'")
        store.raw.execute("SET LOCAL jit = off")
        rows = _rows(store, sql, columns)
    return [None if r[0] is None else float(r[0]) for r in rows]


def received_counts(store: Any, bounds: list[tuple[str, str]]) -> list[tuple[int, int]]:
    """(standard, expedited) requests received in each [start, end), in one round trip."""
    if not bounds:
        return []
    rows = _rows(
        store,
        "SELECT c.n - c.x, c.x FROM unnest(%s::text[], %s::text[]) WITH ORDINALITY"
        " AS b(lo, hi, i) CROSS JOIN LATERAL (SELECT count(*) AS n,"
        " count(*) FILTER (WHERE urgency = 'expedited') AS x FROM requests"
        " WHERE received_at >= b.lo AND received_at < b.hi) c ORDER BY b.i",
        ([lo for lo, _ in bounds], [hi for _, hi in bounds]),
    )
    return [(int(a), int(b)) for a, b in rows]


def overdue_now(store: Any, now: str) -> list[tuple[Any, ...]]:
    """From the few open reviews (partial index) to their requests by key: OFFSET 0
    keeps the planner from hashing every request to join the handful that are open."""
    return _rows(
        store,
        "SELECT coalesce((r.urgency = 'expedited')::integer, 0), count(*)"
        " FROM reviews v CROSS JOIN LATERAL (SELECT urgency, decision_due_at FROM requests"
        " WHERE id = v.request_id OFFSET 0) r"
        " WHERE v.state IN ('draft', 'referred', 'pended') AND r.decision_due_at < %s"
        " GROUP BY 1",
        (now,),
    )


def reviewer_names(store: Any, ids: list[int]) -> list[tuple[Any, ...]]:
    return _rows(store, "SELECT id, full_name, credentials FROM users WHERE id = ANY(%s)", (ids,))
