"""The metrics rollup (schema 6): monthly totals the metrics read instead of rows.

Derived data, not a record. Nothing here is evidence of a decision: the record is
the determinations (immutable, hash-chained in the audit log) and every figure of
these tables can be recomputed from `decision_times` and `requests` (the test suite
does exactly that, and `rebuild` does it in place). Someone able to write the file
could alter a total as they could alter `decision_times`; a report is a reading of
the record, never part of it, and a rebuild restores the truth.

Four small tables, kept by triggers as rows arrive:

- `metrics_decided`: per month of decision, urgency, decision and currency: the
  count, the sum of seconds from receipt to decision, the count decided on time;
- `metrics_by_reviewer`: per reviewer, decision, currency and month: the count;
- `metrics_time_buckets`: per urgency and month, a histogram of the seconds to
  decision of current approvals and denials (the rows a median is taken of), in
  log-linear buckets (below 64 s one bucket per second, then 32 buckets per
  doubling: each about 2-3 % wide), so the bucket holding a median rank is found
  from the histogram alone and only that bucket's rows are read, from the index on
  `(expedited, month, seconds)`: the median stays exact;
- `metrics_received`: per month of receipt and urgency, the requests received.

The decision tables follow `decision_times` (insert, update, delete: a correction
turns a row's `current` to 0, which moves its count from one total to the other),
so they always equal an aggregate of it; receipts follow `requests` (inserted
only: the intake columns are immutable and requests never deleted). A total that
falls to zero is removed, so the tables hold exactly the non-empty groups.
Months are UTC calendar months numbered `year * 12 + month - 1`.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database

# Buckets of seconds to decision. Frozen once shipped: the triggers of schema 6
# store these numbers, and `bucket_range` must keep inverting them.
SUB_BUCKETS = 32  # buckets per doubling of the time
_TOP_BITS = 40  # 2**40 s (about 35,000 years) and beyond share one last bucket
BELOW_ZERO = -1  # decided before receipt (a clock error), one bucket of its own
TOP_BUCKET = (_TOP_BITS - 5) * SUB_BUCKETS + SUB_BUCKETS


def bucket_of(seconds: int) -> int:
    """The histogram bucket of `seconds`, as the schema's triggers compute it."""
    if seconds < 0:
        return BELOW_ZERO
    if seconds < 2 * SUB_BUCKETS:
        return seconds
    if seconds >= 1 << _TOP_BITS:
        return TOP_BUCKET
    shift = seconds.bit_length() - 6
    return shift * SUB_BUCKETS + (seconds >> shift)


def bucket_range(bucket: int) -> tuple[int | None, int | None]:
    """[low, high) seconds of a bucket; None is unbounded."""
    if bucket < 0:
        return None, 0
    if bucket < 2 * SUB_BUCKETS:
        return bucket, bucket + 1
    if bucket >= TOP_BUCKET:
        return 1 << _TOP_BITS, None
    shift, mantissa = bucket // SUB_BUCKETS - 1, bucket % SUB_BUCKETS + SUB_BUCKETS
    return mantissa << shift, (mantissa + 1) << shift


def bucket_sql(seconds: str) -> str:
    """`bucket_of` as an SQL expression of the integer expression `seconds`."""
    steps = [f"WHEN {seconds} < 0 THEN {BELOW_ZERO}", f"WHEN {seconds} < 64 THEN {seconds}"]
    for bits in range(7, _TOP_BITS + 1):
        shift = bits - 6
        steps.append(
            f"WHEN {seconds} < {1 << bits} THEN {shift * SUB_BUCKETS} + ({seconds} >> {shift})"
        )
    return "CASE " + " ".join(steps) + f" ELSE {TOP_BUCKET} END"


def month_sql(iso: str) -> str:
    """The month number of a stored UTC time, as `decision_times.month` holds it."""
    return f"(CAST(substr({iso}, 1, 4) AS INTEGER) * 12 + CAST(substr({iso}, 6, 2) AS INTEGER) - 1)"


# `decision_times` as the determinations and their requests say it should be (the
# backfill of migration 3; its trigger computes the same row per new determination).
DECISION_TIMES_ROWS = (
    "SELECT d.id, coalesce(r.urgency = 'expedited', 0), d.decision, d.decided_at,"
    " CAST(substr(d.decided_at, 1, 4) AS INTEGER) * 12"
    " + CAST(substr(d.decided_at, 6, 2) AS INTEGER) - 1,"
    " CAST(round((julianday(d.decided_at) - julianday(r.received_at)) * 86400) AS INTEGER),"
    " d.decided_at <= r.decision_due_at, d.decider_id,"
    " NOT EXISTS (SELECT 1 FROM determinations s WHERE s.supersedes_id = d.id)"
    " FROM determinations d JOIN requests r ON r.id = d.request_id"
)
DECISION_TIMES_COLUMNS = (
    "determination_id, expedited, decision, decided_at, month, seconds, on_time,"
    " decider_id, current"
)

TABLES = ("metrics_decided", "metrics_by_reviewer", "metrics_time_buckets", "metrics_received")

_DDL = """
CREATE TABLE metrics_decided (
    month INTEGER NOT NULL,
    expedited INTEGER NOT NULL,
    decision TEXT NOT NULL,
    current INTEGER NOT NULL,
    count INTEGER NOT NULL,
    seconds INTEGER NOT NULL,
    on_time INTEGER NOT NULL,
    PRIMARY KEY (month, expedited, decision, current)
) WITHOUT ROWID;
CREATE TABLE metrics_by_reviewer (
    decider_id INTEGER NOT NULL,
    decision TEXT NOT NULL,
    current INTEGER NOT NULL,
    month INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (decider_id, decision, current, month)
) WITHOUT ROWID;
CREATE TABLE metrics_time_buckets (
    expedited INTEGER NOT NULL,
    month INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (expedited, month, bucket)
) WITHOUT ROWID;
CREATE TABLE metrics_received (
    month INTEGER NOT NULL,
    expedited INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (month, expedited)
) WITHOUT ROWID;
"""


def _apply(row: str, sign: str) -> str:
    """Statements adding (`sign` '+') or taking away ('-') one `decision_times` row."""
    bucket = bucket_sql(f"{row}.seconds")
    return f"""
    INSERT INTO metrics_decided VALUES ({row}.month, {row}.expedited, {row}.decision,
        {row}.current, {sign}1, {sign}{row}.seconds, {sign}{row}.on_time)
    ON CONFLICT (month, expedited, decision, current) DO UPDATE SET
        count = count + excluded.count, seconds = seconds + excluded.seconds,
        on_time = on_time + excluded.on_time;
    INSERT INTO metrics_by_reviewer VALUES ({row}.decider_id, {row}.decision, {row}.current,
        {row}.month, {sign}1)
    ON CONFLICT (decider_id, decision, current, month) DO UPDATE SET
        count = count + excluded.count;
    INSERT INTO metrics_time_buckets
    SELECT {row}.expedited, {row}.month, {bucket}, {sign}1
    WHERE {row}.current = 1 AND {row}.decision IN ('A1', 'A3')
    ON CONFLICT (expedited, month, bucket) DO UPDATE SET count = count + excluded.count;"""


_PRUNE = f"""
    DELETE FROM metrics_decided WHERE count = 0 AND month = OLD.month
        AND expedited = OLD.expedited AND decision = OLD.decision AND current = OLD.current;
    DELETE FROM metrics_by_reviewer WHERE count = 0 AND decider_id = OLD.decider_id
        AND decision = OLD.decision AND current = OLD.current AND month = OLD.month;
    DELETE FROM metrics_time_buckets WHERE count = 0 AND expedited = OLD.expedited
        AND month = OLD.month AND bucket = {bucket_sql("OLD.seconds")};"""


def _triggers() -> str:
    received = month_sql("NEW.received_at")
    return f"""
CREATE TRIGGER metrics_rollup_insert AFTER INSERT ON decision_times
BEGIN {_apply("NEW", "+")}
END;
CREATE TRIGGER metrics_rollup_update AFTER UPDATE ON decision_times
BEGIN {_apply("OLD", "-")} {_apply("NEW", "+")} {_PRUNE}
END;
CREATE TRIGGER metrics_rollup_delete AFTER DELETE ON decision_times
BEGIN {_apply("OLD", "-")} {_PRUNE}
END;
CREATE TRIGGER metrics_received_insert AFTER INSERT ON requests
BEGIN
    INSERT INTO metrics_received VALUES ({received}, coalesce(NEW.urgency = 'expedited', 0), 1)
    ON CONFLICT (month, expedited) DO UPDATE SET count = count + 1;
END;
"""


def fill(conn: sqlite3.Connection, prefix: str = "") -> None:
    """Compute every total from `decision_times` and `requests` into the (empty) tables
    (`prefix` + name: `differences` fills fresh copies beside them)."""
    conn.execute(
        f"INSERT INTO {prefix}metrics_decided SELECT month, expedited, decision, current, count(*),"
        " sum(seconds), sum(on_time) FROM decision_times GROUP BY 1, 2, 3, 4"
    )
    conn.execute(
        f"INSERT INTO {prefix}metrics_by_reviewer"
        " SELECT decider_id, decision, current, month, count(*)"
        " FROM decision_times GROUP BY 1, 2, 3, 4"
    )
    conn.execute(
        f"INSERT INTO {prefix}metrics_time_buckets SELECT expedited, month, "
        + bucket_sql("seconds")
        + ", count(*) FROM decision_times INDEXED BY decision_times_median"
        " WHERE current = 1 AND decision IN ('A1', 'A3') GROUP BY 1, 2, 3"
    )
    conn.execute(
        f"INSERT INTO {prefix}metrics_received SELECT "
        + month_sql("received_at")
        + ", coalesce(urgency = 'expedited', 0), count(*)"
        " FROM requests INDEXED BY requests_received_urgency GROUP BY 1, 2"
    )


def rebuild(conn: sqlite3.Connection) -> None:
    """Recompute `decision_times` from the determinations, then every total from the
    rows (in the caller's transaction)."""
    conn.execute("DELETE FROM decision_times")
    conn.execute(f"INSERT INTO decision_times ({DECISION_TIMES_COLUMNS}) {DECISION_TIMES_ROWS}")
    recount(conn)


def recount(conn: sqlite3.Connection) -> None:
    """Every total from `decision_times` and the requests as they stand."""
    for table in TABLES:
        conn.execute(f"DELETE FROM {table}")
    fill(conn)


WORDS = {
    "decision_times": "time to each decision",
    "metrics_decided": "decisions by month, urgency and outcome",
    "metrics_by_reviewer": "decisions by reviewer",
    "metrics_time_buckets": "times to decision",
    "metrics_received": "requests received by month",
}


def differences(conn: sqlite3.Connection) -> dict[str, int]:
    """The derived tables that differ from what they derive from: `decision_times` from
    the determinations, the totals from `decision_times` and the requests; table ->
    rows that disagree (empty: the reports read what the record says). Fills fresh copies in the
    connection's temporary schema, so a read-only connection can check too."""
    if (
        conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'metrics_decided'").fetchone()
        is None
    ):
        return {}  # a database before schema 6 keeps no totals
    for table in TABLES:
        conn.execute(f"DROP TABLE IF EXISTS temp.fresh_{table}")
        conn.execute(f"CREATE TEMP TABLE fresh_{table} AS SELECT * FROM main.{table} WHERE 0")
    try:
        fill(conn, prefix="temp.fresh_")
        kept = f"SELECT {DECISION_TIMES_COLUMNS} FROM main.decision_times"
        counts = {"decision_times": _rows_differ(conn, kept, DECISION_TIMES_ROWS)}
        for table in TABLES:
            counts[table] = _rows_differ(
                conn, f"SELECT * FROM main.{table}", f"SELECT * FROM temp.fresh_{table}"
            )
        return {table: count for table, count in counts.items() if count}
    finally:
        for table in TABLES:
            conn.execute(f"DROP TABLE IF EXISTS temp.fresh_{table}")


def _rows_differ(conn: sqlite3.Connection, one: str, other: str) -> int:
    """Rows only one of two queries gives, either way round."""
    return sum(
        int(conn.execute(f"SELECT count(*) FROM ({a} EXCEPT {b})").fetchone()[0])
        for a, b in ((one, other), (other, one))
    )


def migrate_v6(db: Database) -> None:
    """Schema 6: the rollup tables, their triggers, and the totals of the rows on record."""
    db.executescript(_DDL + _triggers())
    fill(db.conn)
