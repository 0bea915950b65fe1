"""Policy impact replay at scale: 100,000 stored requests under the BCBST draft (issue 14).

Target: the whole replay (read every request, evaluate it under the version it is
reviewed under and under the draft, compare, count) in at most 30 s on this
2-core machine, through `workflow.impact.replay` exactly as `ixreview impact` runs it
(process pool over every core).

The database is built once and cached under benchmarks/.work/: the store's own
schema, 100,000 requests whose cases are the varied cases of the impact tests
(tests/impact/varied_cases.py: the samples with random changes to every field the
policies read), all assigned BCBST-IXEMPRA@current, one review each, a tenth with
a saved answer. Member names are synthetic.

The same on the team server: a throwaway PostgreSQL started here (tests/postgres/
pg_server.py), the same rows copied in (IXREVIEW_BENCH_IMPACT_PG_N of them), and the
same replay on a desk connection; the process's and its pool's CPU is counted, the
server's is not.

    .venv/bin/python benchmarks/bench_impact.py          # prints the figures
    .venv/bin/python benchmarks/bench_impact.py --server-only [--quick]
"""

from __future__ import annotations

import json
import os
import random
import resource
import sqlite3
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for extra in (ROOT, ROOT / "tests" / "impact", ROOT / "tests" / "postgres"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from argon2 import PasswordHasher  # noqa: E402
from varied_cases import varied_cases  # noqa: E402

from ixreview.store import SCHEMA_VERSION, open_store  # noqa: E402
from ixreview.workflow import accounts, impact  # noqa: E402
from ixreview.workflow.accounts import Security  # noqa: E402
from ixreview.workflow.passwords import hash_password  # noqa: E402

TARGET_MS = 30_000.0
FULL_N = 100_000
QUICK_N = 10_000
PASSWORD = "bench-Orbit-Quartz-77"
FAST = Security(hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


def _path(n: int) -> Path:
    return HERE / ".work" / f"impact-{n}.sqlite3"


def _current(path: Path) -> bool:
    if not path.exists():
        return False
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0]) == SCHEMA_VERSION
    finally:
        conn.close()


def build(n: int) -> Path:
    path = _path(n)
    if _current(path):
        return path
    partial = path.with_name(path.name + ".partial")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open_store(partial) as store:
        # An administrator without a signing authority: nothing is pinned on this machine.
        store.users.create(
            "admin", "Quinn Harper", "admin", password_hash=hash_password(PASSWORD, FAST.hasher)
        )
        store.conn.execute("PRAGMA journal_mode = DELETE")
    requests, reviews = _records(n)
    conn = sqlite3.connect(partial, isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("BEGIN")
    conn.executemany(
        f"INSERT INTO requests ({REQUEST_COLUMNS}) VALUES ({', '.join('?' * 15)})", requests
    )
    conn.executemany(f"INSERT INTO reviews ({REVIEW_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)", reviews)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    os.chmod(partial, 0o600)
    os.replace(partial, path)
    return path


REQUEST_COLUMNS = (
    "id, reference, intake_json, received_at, received_on, urgency, decision_due_at,"
    " member_id, member_name, member_name_folded, birth_date, plan, policy, request_type,"
    " imported_at"
)
REVIEW_COLUMNS = "id, request_id, state, answers_json, created_at, updated_at"


def _records(n: int) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The benchmark's requests and reviews (the same rows on either backend)."""
    rng = random.Random(14)
    cases = varied_cases(2000, seed=14)  # distinct cases, reused with other members
    start = datetime(2025, 1, 1, tzinfo=UTC)
    now = datetime(2026, 11, 21, tzinfo=UTC).isoformat(timespec="microseconds")
    answer = {"value": 1200, "origin": "override", "set_by": 1, "set_at": now}
    requests, reviews = [], []
    for i in range(1, n + 1):
        data: dict[str, Any] = json.loads(json.dumps(cases[i % len(cases)]))
        received = start + timedelta(minutes=i * 5)
        data["reference"] = f"PA-B-{i:07d}"
        data["received_at"] = received.isoformat()
        labs = data.get("labs") or {}
        if labs.get("collected_on"):
            labs["collected_on"] = (received.date() - timedelta(days=5)).isoformat()
        name = f"Member {i % 25_000:05d}"
        at = received.isoformat(timespec="microseconds")
        due = (received + timedelta(days=15)).isoformat(timespec="microseconds")
        requests.append(
            (i, data["reference"], json.dumps(data), at, at[:10], data.get("urgency"), due,
             f"BM{i % 25_000:09d}", name, name.lower(), "1960-01-01", "Commercial PPO",
             "BCBST-IXEMPRA@current", data.get("request_type"), at)
        )  # fmt: skip
        saved = {"labs.anc_per_mm3": answer} if rng.random() < 0.1 else {}
        reviews.append((i, i, "draft", json.dumps(saved), at, at))
    return requests, reviews


def _cpu_s() -> tuple[float, float]:
    """CPU seconds of this process and of its reaped children (the pool's workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024


def measure(quick: bool = False, *, server_only: bool = False) -> list[dict[str, Any]]:
    n = QUICK_N if quick else FULL_N
    out = []
    if not server_only:
        with open_store(build(n)) as store:
            out.append(_replays(store, n, quick, ""))
    out.append(_server(int(os.environ.get("IXREVIEW_BENCH_IMPACT_PG_N", n)), quick))
    return out


def _replays(store: Any, n: int, quick: bool, where: str) -> dict[str, Any]:
    samples, cpu = [], []  # cpu: (all processes, this one) per replay
    changed = 0
    session = accounts.sign_in(store, "admin", PASSWORD, security=FAST)
    for _ in range(1 if quick else 2):
        started, (own, kids) = time.perf_counter(), _cpu_s()
        report = impact.replay(store, session, "BCBST-IXEMPRA@draft")
        samples.append((time.perf_counter() - started) * 1000)
        own_after, kids_after = _cpu_s()
        cpu.append((own_after - own + kids_after - kids, own_after - own))
        assert len(report.rows) == n
        changed = len(report.changed_rows)
    limit = TARGET_MS * n / FULL_N
    total, parent = min(cpu)
    return {
        "name": f"{where}policy impact replay, {n:,} requests under BCBST-IXEMPRA@draft",
        "target": f"median < {limit / 1000:,.1f} s",
        "unit": "ms",
        "samples": samples,
        "peak_mb": _peak_mb(),
        "met": statistics.median(samples) <= limit,
        "note": f"{changed:,} requests would change outcome; {total:.1f} CPU-s in all "
        f"processes ({parent:.1f} reading and reporting, {total - parent:.1f} in the pool; "
        f"{total / n * 1000:.2f} ms a request; wall time on {os.cpu_count()} idle cores is about "
        f"{total / (os.cpu_count() or 1):.1f} s; on a shared machine it includes waiting "
        f"for a core; load average {os.getloadavg()[0]:.1f})"
        + ("; the server's own CPU is not counted" if where else ""),
    }


def _server(n: int, quick: bool) -> dict[str, Any]:
    """The same rows on a throwaway PostgreSQL (COPY into the tables, the server's own
    triggers fill the name words), then the same replay on a desk connection."""
    from pg_server import PgServer

    from ixreview.store.postgres.admin import init_server

    pg = PgServer().start()
    try:
        url = pg.url(pg.create_database())
        init_server(url)
        with open_store(url) as store:
            store.users.create(
                "admin", "Quinn Harper", "admin", password_hash=hash_password(PASSWORD, FAST.hasher)
            )
            raw = store.raw  # type: ignore[attr-defined]
            requests, reviews = _records(n)
            raw.execute("ALTER TABLE ixreview.requests DISABLE TRIGGER requests_notify")
            raw.execute("ALTER TABLE ixreview.reviews DISABLE TRIGGER reviews_notify")
            with raw.transaction():
                for table, columns, rows in (
                    ("requests", REQUEST_COLUMNS, requests),
                    ("reviews", REVIEW_COLUMNS, reviews),
                ):
                    with raw.cursor().copy(f"COPY ixreview.{table} ({columns}) FROM STDIN") as cp:
                        for row in rows:
                            cp.write_row(row)
            raw.execute("VACUUM ANALYZE")
        with open_store(url) as store:
            return _replays(store, n, quick, "team server: ")
    finally:
        pg.stop()


if __name__ == "__main__":
    for row in measure(quick="--quick" in sys.argv, server_only="--server-only" in sys.argv):
        print(json.dumps(row))
