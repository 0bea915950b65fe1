"""The team server under load (issue 11), on a throwaway PostgreSQL started here.

- Reviewer processes (default 20) against one server for a fixed time (default
  60 s): each imports a case, saves an answer, and approves it (engine, password
  check, signed letter, one transaction), and also autosaves one shared "hot"
  review with its revision (optimistic concurrency). Reported: decisions per
  second, decide p95, lost updates (saves acknowledged but not counted in the
  hot review's revision), duplicate determinations, audit chain intact.
- Another desk's change visible: a LISTEN/NOTIFY watcher sees an import made
  through another connection; p95 under 1 s.
- History name search on the server at N determinations (default 1,000,000;
  rows made with generate_series, not the workflow): p95 under 20 ms. The
  searched names are drawn from those inserted, so most searches find rows.

Argon2 runs with cheap parameters here: hashing cost is each desk's own CPU,
not the server's. Configure with IXREVIEW_BENCH_TEAM_PROCESSES, _SECONDS and
IXREVIEW_BENCH_TEAM_HISTORY_N; `measure(quick=True)` uses 4 processes x 10 s
and 50,000 rows. The start of the GUI against the server is not measured here.

    .venv/bin/python benchmarks/bench_team_server.py [--quick]
"""

from __future__ import annotations

import json
import multiprocessing
import os
import queue
import random
import resource
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for extra in (ROOT, ROOT / "tests" / "postgres", ROOT / "tests"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from argon2 import PasswordHasher  # noqa: E402
from pg_server import PgServer  # noqa: E402

from ixreview.store import HistoryQuery, open_store  # noqa: E402
from ixreview.store.postgres.admin import init_server  # noqa: E402
from ixreview.workflow import accounts, operations, teamwork  # noqa: E402
from ixreview.workflow.accounts import Security  # noqa: E402

FAST = Security(hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
ADMIN_PW, NURSE_PW = "correct-staple-Violet-9", "lantern-orbit-Quartz-7"
EXAMPLE = ROOT / "tests" / "data" / "example-case.json"
HOT = "HOT-0001"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _p95(values: list[float]) -> float:
    ordered = sorted(values) or [float("nan")]
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _case(reference: str, member: str) -> str:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["reference"] = reference
    data["member"]["id"] = member
    return json.dumps(data)


def _staff(url: str, nurses: int) -> None:
    from ixreview.letters.samples import PLAN
    from ixreview.workflow import letterdata

    with open_store(url) as store:
        accounts.create_first_admin(
            store, username="admin", full_name="Ada Admin", password=ADMIN_PW,
            organization="Blue Valley Health Plan", security=FAST,
        )  # fmt: skip
        admin = accounts.sign_in(store, "admin", ADMIN_PW, security=FAST)
        for i in range(nurses):
            accounts.add_user(
                store, admin, username=f"nurse{i}", full_name=f"Nurse Number{i}",
                role="nurse_reviewer", credentials="RN", password=NURSE_PW,
                admin_password=ADMIN_PW, security=FAST,
            )  # fmt: skip
        letterdata.set_letterhead(store, PLAN, actor=admin.user_id)
        store.import_case(_case(HOT, "HOT"), policy="ING-CC-0090")


def _reviewer(url: str, index: int, seconds: float, out: Any) -> None:
    decide_ms: list[float] = []
    hot_saves = conflicts = 0
    with open_store(url) as store:
        me = accounts.sign_in(store, f"nurse{index}", NURSE_PW, security=FAST)
        deadline = time.monotonic() + seconds
        n = 0
        while time.monotonic() < deadline:
            n += 1
            reference = f"B{index:02d}-{n:05d}"
            store.import_case(_case(reference, f"M{index}-{n}"), policy="ING-CC-0090")
            operations.save_answer(store, me, reference, "labs.anc_per_mm3", 2100,
                                   expected_revision=1)  # fmt: skip
            start = time.perf_counter()
            operations.approve(store, me, reference, NURSE_PW, security=FAST)
            decide_ms.append((time.perf_counter() - start) * 1000)
            revision = store.reviews.for_request(store.requests.by_reference(HOT).id).revision
            try:
                operations.save_answer(store, me, HOT, "labs.anc_per_mm3", 1500 + n,
                                       expected_revision=revision)  # fmt: skip
                hot_saves += 1
            except Exception:  # a conflict is the expected answer to the race
                conflicts += 1
    out.put({"decide_ms": decide_ms, "hot_saves": hot_saves, "conflicts": conflicts})


def _load(url: str, processes: int, seconds: float) -> list[dict[str, Any]]:
    ctx = multiprocessing.get_context("fork")
    out: Any = ctx.Queue()
    workers = [ctx.Process(target=_reviewer, args=(url, i, seconds, out)) for i in range(processes)]
    started = time.perf_counter()
    for w in workers:
        w.start()
    results = [out.get(timeout=seconds + 600) for _ in workers]
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - started
    decide = [ms for r in results for ms in r["decide_ms"]]
    with open_store(url) as store:
        raw = store.raw  # type: ignore[attr-defined]
        dupes = raw.execute(
            "SELECT count(*) FROM (SELECT request_id FROM ixreview.determinations"
            " GROUP BY request_id HAVING count(*) > 1) x"
        ).fetchone()[0]
        hot = store.reviews.for_request(store.requests.by_reference(HOT).id)
        lost = sum(r["hot_saves"] for r in results) - (hot.revision - 1)
        chain = store.verify_audit_chain()
    note = (
        f"{processes} processes x {seconds:.0f} s on {os.cpu_count()} cores: {len(decide)} "
        f"decisions, {len(decide) / elapsed:.2f}/s; lost updates {lost}; duplicate "
        f"determinations {dupes}; hot-review conflicts refused "
        f"{sum(r['conflicts'] for r in results)}; audit chain "
        f"{'intact' if chain.ok else 'BROKEN'} ({chain.entries} entries)"
    )
    return [
        {
            "name": f"team server: decide ({processes} reviewer processes)",
            "target": None, "unit": "ms", "samples": decide, "peak_mb": _peak_mb(),
            "met": lost == 0 and dupes == 0 and chain.ok, "note": note,
        }
    ]  # fmt: skip


def _visibility(url: str, trials: int) -> list[dict[str, Any]]:
    seen: queue.Queue[teamwork.QueueChange] = queue.Queue()
    samples: list[float] = []
    with open_store(url) as mine, open_store(url) as other:
        watcher = teamwork.watch_queue(mine, seen.put)
        assert watcher is not None
        try:
            for i in range(trials):
                start = time.perf_counter()
                other.import_case(_case(f"VIS-{i:04d}", f"V{i}"), policy="ING-CC-0090")
                while seen.get(timeout=10).table != "requests":
                    pass
                samples.append((time.perf_counter() - start) * 1000)
        finally:
            watcher.stop()
    return [
        {
            "name": "team server: another desk's import seen by LISTEN/NOTIFY",
            "target": "p95 < 1 s", "unit": "ms", "samples": samples, "peak_mb": _peak_mb(),
            "met": _p95(samples) < 1000.0,
            "note": "import committed on one connection to notification in another's thread",
        }
    ]  # fmt: skip


_FILL = """
INSERT INTO ixreview.requests (reference, received_at, received_on, urgency, decision_due_at,
    member_id, member_name, member_name_folded, birth_date, plan, policy, request_type,
    imported_at, intake_json)
SELECT 'R' || g, to_char(timestamp '2020-01-01' + g * interval '2 minutes',
        'YYYY-MM-DD"T"HH24:MI:SS.US') || '+00:00',
    to_char(timestamp '2020-01-01' + g * interval '2 minutes', 'YYYY-MM-DD'), 'standard',
    '2030-01-01T00:00:00.000000+00:00', 'MBR' || (g % 200000),
    f.first || ' ' || l.last, lower(f.first || ' ' || l.last), '1960-01-01', 'PPO',
    'ING-CC-0090@2022-02-25', 'initial', '2026-01-01T00:00:00.000000+00:00', '{}'
FROM generate_series(1, {n}) g
CROSS JOIN LATERAL (SELECT (ARRAY['ana','jose','maria','li','wei','olga','noah','emma',
    'lucas','mia','ivan','sara'])[1 + (g * 7) % 12] AS first) f
CROSS JOIN LATERAL (SELECT (ARRAY['garcia','ibanez','nguyen','smith','kowalski',
    'okafor','schmidt','rossi','tanaka','dubois','silva','novak','haddad','cohen',
    'park'])[1 + (g * 13) % 15]
    || (g % 5000)::text AS last) l;
INSERT INTO ixreview.reviews (request_id, state, created_at, updated_at)
SELECT id, 'decided', imported_at, imported_at FROM ixreview.requests WHERE reference LIKE 'R%';
INSERT INTO ixreview.determinations (request_id, review_id, received_at, policy_id,
    policy_version, decision, decider_id, decider_role, rationale, decided_at, evaluation_json)
SELECT r.id, v.id, r.received_at, 'ING-CC-0090', '2022-02-25', 'A3', 1, 'physician', 'x',
    r.imported_at, '{}'
FROM ixreview.requests r JOIN ixreview.reviews v ON v.request_id = r.id
WHERE r.reference LIKE 'R%';
ANALYZE;
"""


def _history(pg: PgServer, n: int, searches: int) -> list[dict[str, Any]]:
    url = pg.url(pg.create_database())
    init_server(url)
    with open_store(url) as store:
        store.users.create("drbench", "Dr Bench", "physician", credentials="MD")
        raw = store.raw  # type: ignore[attr-defined]
        raw.execute("ALTER TABLE ixreview.requests DISABLE TRIGGER requests_notify")
        raw.execute(_FILL.replace("{n}", str(int(n))))  # one script, no parameters
        rng = random.Random(11)
        picked = [rng.randint(1, n) for _ in range(searches + 20)]
        names = [
            str(r[0])
            for r in raw.execute(
                "SELECT member_name FROM ixreview.requests WHERE reference = ANY(%s)",
                ([f"R{i}" for i in picked],),
            )
        ]
        samples: list[float] = []
        for i, name in enumerate(names):
            # the surname alone, or the whole name (every word a prefix)
            text = name if i % 2 else name.split()[-1]
            start = time.perf_counter()
            store.history.search(HistoryQuery(text=text), limit=50)
            if i >= 20:  # after a warm-up
                samples.append((time.perf_counter() - start) * 1000)
    return [
        {
            "name": f"team server: history name search at {n:,} determinations",
            "target": "p95 < 20 ms", "unit": "ms", "samples": samples, "peak_mb": _peak_mb(),
            "met": _p95(samples) < 20.0,
            "note": "first page of 50; folded name, word-prefix B-tree; rows from generate_series",
        }
    ]  # fmt: skip


def measure(quick: bool = False) -> list[dict[str, Any]]:
    processes = int(os.environ.get("IXREVIEW_BENCH_TEAM_PROCESSES", 4 if quick else 20))
    seconds = float(os.environ.get("IXREVIEW_BENCH_TEAM_SECONDS", 10 if quick else 60))
    history_n = int(os.environ.get("IXREVIEW_BENCH_TEAM_HISTORY_N", 50_000 if quick else 1_000_000))
    pg = PgServer().start()
    try:
        url = pg.url(pg.create_database())
        init_server(url)
        _staff(url, processes)
        results = _load(url, processes, seconds)
        results += _visibility(url, 20 if quick else 100)
        results += _history(pg, history_n, 100 if quick else 300)
        return results
    finally:
        pg.stop()


if __name__ == "__main__":
    for r in measure(quick="--quick" in sys.argv):
        s = r["samples"]
        print(f"{r['name']}: n={len(s)} median {sorted(s)[len(s) // 2]:.1f} ms, "
              f"p95 {_p95(s):.1f} ms; met={r['met']}; {r['note']}")  # fmt: skip
