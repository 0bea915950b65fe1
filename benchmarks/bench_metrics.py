"""Utilization-management metrics over 1,000,000 determinations (issue 14).

Target: `workflow.metrics.metrics` (what `ixreview report metrics` and Tools >
Metrics run) over the whole record, per month, standard and expedited apart, with
exact medians, the reviewer counts and "overdue now", in under 1 s. Also reported:
the same range per year and as one period (medians over longer periods sort).

The database is benchmarks/generate_history.py's (1,000,000 determinations over
eight years, 60 reviewers; built in a child process and cached under
benchmarks/.work/), whose `decision_times` rows the store's trigger fills as the
generator inserts. Each figure is the best of a few runs on a warm page cache.

    .venv/bin/python benchmarks/bench_metrics.py         # prints the figures
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for extra in (ROOT, HERE):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from argon2 import PasswordHasher  # noqa: E402
from bench_history import _database  # noqa: E402  (the same cached database)

from ixreview.store import open_store  # noqa: E402
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


def measure(quick: bool = False) -> list[dict[str, Any]]:
    path, n = _database(quick)
    out = []
    with open_store(path) as store:
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
                    "name": f"metrics over {n:,} determinations, per {period.value}"
                    if period != metrics.Period.ALL
                    else f"metrics over {n:,} determinations, one period",
                    "target": TARGET_MS * n / FULL_N,
                    "unit": "ms",
                    "samples": samples,
                    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                    "met": min(samples) < TARGET_MS * n / FULL_N,
                    "note": f"{len(report.periods)} periods, {decided:,} approvals and denials, "
                    f"{len(report.reviewers)} reviewers; CPU {min(cpu):.0f} ms (all threads); "
                    f"{os.cpu_count()} cores, load average "
                    f"{os.getloadavg()[0]:.1f} (a shared machine: wall time includes waiting "
                    "for a core)",
                }
            )
    return out


if __name__ == "__main__":
    for row in measure(quick="--quick" in sys.argv):
        print(json.dumps(row))
