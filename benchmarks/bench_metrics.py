"""Utilization-management metrics over 1,000,000 determinations (issue 14).

Target: `workflow.metrics.metrics` (what `ixreview report metrics` and Tools >
Metrics run) over the whole record, per month, standard and expedited apart, with
exact medians, the reviewer counts and "overdue now", in under 1 s. Also reported:
the same range per year and as one period.

The database is benchmarks/generate_history.py's (1,000,000 determinations over
eight years, 60 reviewers; built in a child process and cached under
benchmarks/.work/), whose `decision_times` rows and metrics rollup (schema 6) the
store's triggers fill as the generator inserts. A cached database of an older
schema is migrated here first, as a user's database is when the desk opens it
(the rollup is backfilled), rather than rebuilt. Each figure is the median of a
few runs on a warm page cache.

The same on the team server: a throwaway PostgreSQL started here (tests/postgres/
pg_server.py), N determinations (IXREVIEW_BENCH_METRICS_PG_N, default 1,000,000;
100,000 with --quick) over the same eight years and 60 reviewers made on the
server with generate_series (the server's own decision_times trigger fills its
rows as they go in), then VACUUM ANALYZE; `workflow.metrics.metrics` on a desk
connection, per month, per year and as one period.

    .venv/bin/python benchmarks/bench_metrics.py         # prints the figures
    .venv/bin/python benchmarks/bench_metrics.py --server-only [--quick]
"""

from __future__ import annotations

import json
import os
import resource
import sqlite3
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for extra in (ROOT, HERE, ROOT / "tests" / "postgres"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from argon2 import PasswordHasher  # noqa: E402
from bench_history import FULL_N as HISTORY_N  # noqa: E402
from bench_history import QUICK_N as HISTORY_QUICK_N  # noqa: E402
from bench_history import _database  # noqa: E402  (the same cached database)

from ixreview.store import SCHEMA_VERSION, open_store  # noqa: E402
from ixreview.workflow import accounts, metrics  # noqa: E402
from ixreview.workflow.accounts import Security  # noqa: E402
from ixreview.workflow.passwords import hash_password  # noqa: E402

TARGET_MS = 1000.0
FULL_N = 1_000_000
PASSWORD = "metrics-Orbit-Quartz-77"
FAST = Security(hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


def _session(store: Any) -> Any:
    """A signed-in administrator, added on first use (the generator adds reviewers only;
    no signing authority, so nothing is pinned as a trust root on this machine)."""
    if store.users.by_username("metrics") is None:
        store.users.create(
            "metrics", "Quinn Harper", "admin", password_hash=hash_password(PASSWORD, FAST.hasher)
        )
    return accounts.sign_in(store, "metrics", PASSWORD, security=FAST)


def measure(quick: bool = False, *, server_only: bool = False) -> list[dict[str, Any]]:
    out = [] if server_only else _desk(quick)
    return out + _server(quick)


def _migrate_cached() -> None:
    """Bring a cached database of an older schema up to date the way the desk does
    (`open_store` migrates and backfills), so the generator does not rebuild it."""
    for n in (HISTORY_N, HISTORY_QUICK_N):
        path = HERE / ".work" / f"history-{n}.sqlite3"
        if not path.exists():
            continue
        conn = sqlite3.connect(path)
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
        if 0 < version < SCHEMA_VERSION:
            started = time.perf_counter()
            open_store(path).close()
            print(
                f"migrated {path.name} from schema {version} to {SCHEMA_VERSION} in "
                f"{time.perf_counter() - started:.1f} s",
                file=sys.stderr,
            )


def _desk(quick: bool) -> list[dict[str, Any]]:
    _migrate_cached()
    path, n = _database(quick)
    with open_store(path) as store:
        return _runs(store, n, quick, "")


def _runs(store: Any, n: int, quick: bool, where: str) -> list[dict[str, Any]]:
    out = []
    session = _session(store)
    start, end = date(2019, 1, 1), date(2026, 11, 30)
    for period in (metrics.Period.MONTH, metrics.Period.YEAR, metrics.Period.ALL):
        samples, cpu = [], []
        for _ in range(2 if quick else 4):
            t, c = time.perf_counter(), time.process_time()
            report = metrics.metrics(store, session, start=start, end=end, period=period)
            samples.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
        decided = sum(f.decided for p in report.periods for f in p.by_urgency.values())
        out.append(
            {
                "name": where
                + (
                    f"metrics over {n:,} determinations, per {period.value}"
                    if period != metrics.Period.ALL
                    else f"metrics over {n:,} determinations, one period"
                ),
                "target": f"median < {TARGET_MS * n / FULL_N:,.0f} ms",
                "unit": "ms",
                "samples": samples,
                "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "met": statistics.median(samples) < TARGET_MS * n / FULL_N,
                "note": f"{len(report.periods)} periods, {decided:,} approvals and denials, "
                f"{len(report.reviewers)} reviewers; CPU {min(cpu):.0f} ms (all threads"
                f"{' of this process; the server works besides' if where else ''}); "
                f"{os.cpu_count()} cores, load average "
                f"{os.getloadavg()[0]:.1f} (a shared machine: wall time includes waiting "
                "for a core)",
            }
        )
    return out


# One request, one review and one determination per row, over the desk benchmark's
# eight years (2019-01-01 to 2026-11-30) and 60 reviewers: a fifth expedited, six
# tenths approved, two denied, one pended, one cancelled; every fiftieth request
# still open (and overdue). Times are the store's fixed-shape UTC ISO text.
_FILL = """
CREATE TEMP TABLE g AS
SELECT g, timestamptz '2019-01-01 00:00+00'
        + (g - 1) * (interval '2890 days' / {n}) AS received,
    (g % 5 = 0) AS expedited, g % 10 AS kind
FROM generate_series(1, {n}) g;
INSERT INTO ixreview.requests (id, reference, received_at, received_on, urgency,
    decision_due_at, member_id, member_name, member_name_folded, birth_date, plan, policy,
    request_type, imported_at, intake_json)
SELECT g, 'M' || g, to_char(received, 'YYYY-MM-DD"T"HH24:MI:SS.US') || '+00:00',
    to_char(received, 'YYYY-MM-DD'), CASE WHEN expedited THEN 'expedited' ELSE 'standard' END,
    to_char(received + CASE WHEN expedited THEN interval '72 hours' ELSE interval '14 days' END,
        'YYYY-MM-DD"T"HH24:MI:SS.US') || '+00:00',
    'MBR' || (g % 250000), 'Member ' || (g % 250000), 'member ' || (g % 250000), '1960-01-01',
    'PPO', 'ING-CC-0090@2022-02-25', 'initial',
    to_char(received, 'YYYY-MM-DD"T"HH24:MI:SS.US') || '+00:00', '{}'
FROM g;
INSERT INTO ixreview.reviews (id, request_id, state, created_at, updated_at)
SELECT g, g, CASE WHEN g % 50 = 0 THEN 'draft' ELSE 'decided' END,
    to_char(received, 'YYYY-MM-DD"T"HH24:MI:SS.US') || '+00:00',
    to_char(received, 'YYYY-MM-DD"T"HH24:MI:SS.US') || '+00:00'
FROM g;
INSERT INTO ixreview.determinations (request_id, review_id, received_at, policy_id,
    policy_version, decision, decider_id, decider_role, rationale, authorization_number,
    period_start, period_end, units, decided_at, evaluation_json)
SELECT g, g, to_char(received, 'YYYY-MM-DD"T"HH24:MI:SS.US') || '+00:00', 'ING-CC-0090',
    '2022-02-25', d.code, {first_reviewer} + g % 60, 'physician', 'benchmark',
    CASE WHEN d.code = 'A1' THEN 'AUTH-' || g END,
    CASE WHEN d.code = 'A1' THEN '2026-01-01' END,
    CASE WHEN d.code = 'A1' THEN '2026-06-30' END, CASE WHEN d.code = 'A1' THEN 6 END,
    to_char(received + (g::bigint * 7919 % 1000000) * interval '1 second',
        'YYYY-MM-DD"T"HH24:MI:SS.US') || '+00:00', '{}'
FROM g CROSS JOIN LATERAL (SELECT CASE WHEN kind < 6 THEN 'A1' WHEN kind < 8 THEN 'A3'
    WHEN kind = 8 THEN 'A4' ELSE 'C' END AS code) d
WHERE g % 50 <> 0;
"""


def _server(quick: bool) -> list[dict[str, Any]]:
    from pg_server import PgServer

    from ixreview.store.postgres.admin import init_server

    n = int(os.environ.get("IXREVIEW_BENCH_METRICS_PG_N", 100_000 if quick else FULL_N))
    pg = PgServer().start()
    try:
        url = pg.url(pg.create_database())
        init_server(url)
        with open_store(url) as store:
            first = min(
                store.users.create(f"rev{i}", f"Reviewer {i}", "physician", credentials="MD").id
                for i in range(60)
            )
            raw = store.raw  # type: ignore[attr-defined]
            for table in ("requests", "reviews", "determinations"):
                raw.execute(f"ALTER TABLE ixreview.{table} DISABLE TRIGGER {table}_notify")
            raw.execute("ALTER TABLE ixreview.requests DISABLE TRIGGER requests_words")
            raw.execute(_FILL.replace("{n}", str(int(n))).replace("{first_reviewer}", str(first)))
            raw.execute("VACUUM ANALYZE")
        with open_store(url) as store:
            return _runs(store, n, quick, "team server: ")
    finally:
        pg.stop()


if __name__ == "__main__":
    for row in measure(quick="--quick" in sys.argv, server_only="--server-only" in sys.argv):
        print(json.dumps(row))
