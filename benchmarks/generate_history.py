"""Build a case database with 1,000,000 determinations, for the history benchmark.

    .venv/bin/python benchmarks/generate_history.py            # 1,000,000 (cached)
    .venv/bin/python benchmarks/generate_history.py --n 100000 --force

The schema is the store's own (created by `open_store`), so indexes, FTS and
triggers are the real ones. Rows go in through bulk `executemany` in large
transactions with journaling and syncing off, secondary indexes and the FTS
index dropped during the load and rebuilt at the end (sorting once beats a
million B-tree inserts), then ANALYZE. The result is cached under
benchmarks/.work/ and rebuilt only when missing, forced, or of an older schema.

Synthetic data only: ~250,000 members with names drawn from a pool that
includes accented names (Ibáñez, Müller, Ølstad, ...), one request per
determination, 60 reviewers; the intake document is the case-format example
with the member changed, the evaluation a shortened real engine evaluation.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ixreview.store import SCHEMA_VERSION, fold, open_store  # noqa: E402

WORK = Path(__file__).resolve().parent / ".work"
DEFAULT_N = 1_000_000
MEMBERS_PER_REQUEST = 4  # each member has about four requests on record
REVIEWERS = 60
BATCH = 50_000
SEED = 20261122

FIRST = [
    "Dolores",
    "José",
    "María",
    "Zoë",
    "Ann",
    "Chloé",
    "Renée",
    "Inés",
    "Noël",
    "Amélie",
    "Björn",
    "Søren",
    "Ana",
    "Lucía",
    "Mei",
    "Aisha",
    "Fatima",
    "Olga",
    "Ingrid",
    "Grace",
    "Emily",
    "Sarah",
    "Laura",
    "Nadia",
    "Elena",
    "Sofia",
    "Hannah",
    "Ruth",
    "Marta",
    "Agnès",
    "Hélène",
    "Zoé",
    "Maëlle",
    "Jürgen",
    "Łucja",
    "Dagný",
    "Þóra",
    "Ewa",
    "Katarzyna",
    "Yasmin",
    "Priya",
    "Keiko",
    "Nguyen",
    "Thi",
    "Linh",
    "Rosa",
    "Carmen",
    "Pilar",
    "Begoña",
    "Ximena",
    "Ñusta",
    "Gülay",
    "Şule",
    "Çiğdem",
    "Ayşe",
    "Mónica",
    "Iolanda",
    "Ilse",
]
SURNAME_SEEDS = [
    "Ibáñez",
    "Müller",
    "Ølstad",
    "Peña",
    "Núñez",
    "García",
    "López",
    "Martínez",
    "González",
    "Rodríguez",
    "Fernández",
    "Gómez",
    "Pérez",
    "Sánchez",
    "Díaz",
    "Álvarez",
    "Jiménez",
    "Muñoz",
    "Romero",
    "Hernández",
    "Schröder",
    "Weiß",
    "Björk",
    "Åström",
    "Lindqvist",
    "Nørgaard",
    "Kowalski",
    "Wiśniewski",
    "Dvořák",
    "Novák",
    "Šimek",
    "Horváth",
    "Nagy",
    "Kovács",
    "O'Brien",
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Miller",
    "Davis",
    "Wilson",
    "Anderson",
    "Taylor",
    "Thomas",
    "Moore",
    "Martin",
    "Jackson",
    "White",
    "Harris",
    "Thompson",
    "Clark",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Torres",
    "Nguyen",
    "Hill",
    "Flores",
    "Green",
    "Adams",
    "Nelson",
    "Baker",
    "Hall",
    "Rivera",
    "Campbell",
]
SYLLABLES = [
    "ka",
    "ro",
    "mi",
    "su",
    "te",
    "na",
    "lo",
    "vi",
    "da",
    "be",
    "ne",
    "ri",
    "sa",
    "to",
    "mo",
    "ha",
    "li",
    "gu",
    "pe",
    "zo",
]


def _surnames(rng: random.Random) -> list[str]:
    invented = {"".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize() for _ in range(3000)}
    return SURNAME_SEEDS + sorted(invented)


def work_db(n: int) -> Path:
    return WORK / f"history-{n}.sqlite3"


def _evaluation_json() -> str:
    """A real engine evaluation of the example case, cut to its first clauses."""
    from ixreview.domain.engine import evaluate
    from ixreview.domain.intake import parse_case_json

    case = parse_case_json((ROOT / "tests" / "data" / "example-case.json").read_text("utf-8"))
    data = json.loads(evaluate(case, "ING-CC-0090").model_dump_json())
    data["clauses"] = data["clauses"][:3]
    data["derived"] = data["derived"][:2]
    return json.dumps(data)


def generate(path: Path, n: int = DEFAULT_N, seed: int = SEED) -> Path:
    started = time.perf_counter()
    rng = random.Random(seed)
    partial = path.with_name(path.name + ".partial")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open_store(partial) as store:  # the real schema, at the current version
        store.conn.execute("PRAGMA journal_mode = DELETE")
    conn = sqlite3.connect(partial, isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -400000")
    # Drop what a bulk load should build once at the end.
    rebuild = [
        sql
        for (sql,) in conn.execute(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND"
            " ((type = 'index' AND tbl_name IN ('requests', 'determinations'))"
            "  OR name = 'requests_fts_insert')"
        )
    ]
    for kind, name in conn.execute(
        "SELECT type, name FROM sqlite_master WHERE sql IS NOT NULL AND"
        " ((type = 'index' AND tbl_name IN ('requests', 'determinations'))"
        "  OR name = 'requests_fts_insert')"
    ).fetchall():
        conn.execute(f"DROP {kind.upper()} {name}")

    now = datetime(2026, 11, 21, tzinfo=UTC)
    created = now.isoformat(timespec="microseconds")
    conn.execute("BEGIN")
    users = []
    for i in range(1, REVIEWERS + 1):
        role = "physician" if i % 3 == 0 else "nurse"
        users.append((i, role))
        conn.execute(
            "INSERT INTO users (id, username, full_name, credentials, role, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                i,
                f"reviewer{i:02d}",
                f"Reviewer {i:02d}",
                "MD" if role == "physician" else "RN",
                role,
                created,
            ),
        )
    conn.execute("COMMIT")
    nurses = [u for u, r in users if r == "nurse"]
    physicians = [u for u, r in users if r == "physician"]

    surnames = _surnames(rng)
    members = max(1, n // MEMBERS_PER_REQUEST)
    member_names = [(rng.choice(FIRST), rng.choice(surnames)) for _ in range(members)]
    member_born = [
        f"{rng.randint(1935, 1995)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        for _ in range(members)
    ]
    template = (ROOT / "tests" / "data" / "example-case.json").read_text("utf-8")
    evaluation = _evaluation_json()
    span = int((now - datetime(2019, 1, 1, tzinfo=UTC)).total_seconds())
    times = sorted(rng.randrange(span) for _ in range(n))
    start_epoch = datetime(2019, 1, 1, tzinfo=UTC)

    for base in range(0, n, BATCH):
        requests, reviews, determinations = [], [], []
        for k in range(base, min(n, base + BATCH)):
            rid = k + 1
            m = rng.randrange(members)
            first, last = member_names[m]
            member_id = f"GM{m:09d}"
            received = start_epoch + timedelta(seconds=times[k])
            received_at = received.isoformat(timespec="microseconds")
            reference = f"PA-{received.year}-{rid:07d}"
            urgent = rng.random() < 0.1
            due = received + (timedelta(hours=72) if urgent else timedelta(days=15))
            intake = (
                template.replace("PA-2026-004211", reference)
                .replace("BCT884120301", member_id)
                .replace('"Dolores"', json.dumps(first, ensure_ascii=False))
                .replace('"Ibáñez"', json.dumps(last, ensure_ascii=False))
                .replace("1962-07-14", member_born[m])
            )
            name = f"{first} {last}"
            requests.append(
                (
                    rid,
                    reference,
                    intake,
                    received_at,
                    received_at[:10],
                    "expedited" if urgent else "standard",
                    due.isoformat(timespec="microseconds"),
                    member_id,
                    name,
                    fold(name),
                    member_born[m],
                    "Commercial PPO",
                    "ING-CC-0090",
                    "initial",
                    received_at,
                    None,
                )
            )
            reviews.append((rid, rid, "decided", received_at, received_at))
            roll = rng.random()
            decision = (
                "A1" if roll < 0.7 else "A3" if roll < 0.85 else "A4" if roll < 0.95 else "C"
            )
            decider = rng.choice(physicians if decision == "A3" else nurses + physicians)
            decided = received + timedelta(hours=rng.randint(1, 300))
            approved = decision == "A1"
            period_start = decided.date().isoformat()
            period_end = (decided.date() + timedelta(days=182)).isoformat()
            determinations.append(
                (
                    rid,
                    rid,
                    rid,
                    received_at,
                    "ING-CC-0090",
                    "2022-02-25",
                    evaluation,
                    decision,
                    decider,
                    "physician" if decider in physicians else "nurse",
                    "Synthetic determination.",
                    f"AUTH-{rid:08d}" if approved else None,
                    period_start if approved else None,
                    period_end if approved else None,
                    675 if approved else None,
                    decided.isoformat(timespec="microseconds"),
                )
            )
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO requests (id, reference, intake_json, received_at, received_on,"
            " urgency, decision_due_at, member_id, member_name, member_name_folded, birth_date,"
            " plan, policy, request_type, imported_at, imported_by)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            requests,
        )
        conn.executemany(
            "INSERT INTO reviews (id, request_id, state, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?)",
            reviews,
        )
        conn.executemany(
            "INSERT INTO determinations (id, request_id, review_id, received_at, policy_id,"
            " policy_version, evaluation_json, decision, decider_id, decider_role, rationale,"
            " authorization_number, period_start, period_end, units, decided_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            determinations,
        )
        conn.execute("COMMIT")
        print(
            f"  {min(n, base + BATCH):>9,} rows  {time.perf_counter() - started:6.1f} s",
            file=sys.stderr,
        )

    for sql in rebuild:
        conn.execute(sql)
    conn.execute("INSERT INTO requests_fts (requests_fts) VALUES ('rebuild')")
    conn.execute("ANALYZE")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    os.chmod(partial, 0o600)
    os.replace(partial, path)
    print(
        f"built {path} ({n:,} determinations) in {time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )
    return path


def _is_current(path: Path) -> bool:
    if not path.exists():
        return False
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0]) == SCHEMA_VERSION
    finally:
        conn.close()


def ensure(n: int = DEFAULT_N, *, force: bool = False) -> Path:
    """The cached database with `n` determinations, built if missing or stale."""
    path = work_db(n)
    if force or not _is_current(path):
        generate(path, n)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=DEFAULT_N, help="determinations to make")
    parser.add_argument("--force", action="store_true", help="rebuild even if cached")
    args = parser.parse_args(argv)
    print(ensure(args.n, force=args.force))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
