"""The schema and its forward migrations.

`PRAGMA user_version` holds the number of migrations applied. Each migration is
a function of the open database and runs in its own transaction together with
the version bump, so a crash leaves the database at the old or the new version,
never in between. A database with a higher version than `SCHEMA_VERSION` was
written by a newer program and is refused, never downgraded.

Immutability lives in the schema, not only in Python: triggers refuse UPDATE and
DELETE on determinations, letters and the audit log, DELETE on users, requests
and reviews, and any change to the intake columns of a request.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from sqlite_utils import Database

from ixreview.store.errors import SchemaTooNewError
from ixreview.store.folding import fold
from ixreview.store.metrics_rollup import DECISION_TIMES_COLUMNS, DECISION_TIMES_ROWS, migrate_v6

Migration = Callable[[Database], None]

_V1 = """
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
    full_name TEXT NOT NULL,
    credentials TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL CHECK (role IN ('nurse', 'physician', 'admin')),
    npi TEXT,
    p2p_phone TEXT,
    password_hash TEXT,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    signing_key_encrypted BLOB,
    certificate_pem TEXT,
    created_at TEXT NOT NULL
);
CREATE TRIGGER users_never_deleted BEFORE DELETE ON users
BEGIN SELECT RAISE(ABORT, 'users are never deleted; deactivate the account instead'); END;

CREATE TABLE requests (
    id INTEGER PRIMARY KEY,
    reference TEXT NOT NULL UNIQUE,
    received_at TEXT NOT NULL,
    received_on TEXT NOT NULL,
    urgency TEXT,
    decision_due_at TEXT NOT NULL,
    member_id TEXT,
    member_name TEXT NOT NULL DEFAULT '',
    birth_date TEXT,
    plan TEXT,
    policy TEXT,
    request_type TEXT,
    continuation_of INTEGER REFERENCES determinations(id),
    imported_at TEXT NOT NULL,
    imported_by INTEGER REFERENCES users(id),
    -- Large values last: the columns searches read stay on the row's first page.
    intake_json TEXT NOT NULL
);
CREATE INDEX requests_received ON requests (received_at, id);
CREATE INDEX requests_member ON requests (member_id, received_at, id);
CREATE INDEX requests_birth_date ON requests (birth_date, received_at, id);
CREATE TRIGGER requests_never_deleted BEFORE DELETE ON requests
BEGIN SELECT RAISE(ABORT, 'requests are never deleted'); END;
CREATE TRIGGER requests_intake_immutable
BEFORE UPDATE OF reference, intake_json, received_at, received_on, urgency, decision_due_at,
    member_id, member_name, birth_date, request_type, continuation_of, imported_at, imported_by
ON requests
BEGIN SELECT RAISE(ABORT, 'a request is kept exactly as received and cannot be changed'); END;

CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL UNIQUE REFERENCES requests(id),
    state TEXT NOT NULL
        CHECK (state IN ('draft', 'referred', 'pended', 'decided', 'cancelled')),
    answers_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(answers_json)),
    clause_comments_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(clause_comments_json)),
    comment TEXT NOT NULL DEFAULT '',
    assigned_to INTEGER REFERENCES users(id),
    revision INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by INTEGER REFERENCES users(id)
);
CREATE TRIGGER reviews_never_deleted BEFORE DELETE ON reviews
BEGIN SELECT RAISE(ABORT, 'reviews are never deleted; cancel them instead'); END;

CREATE TABLE determinations (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests(id),
    review_id INTEGER NOT NULL REFERENCES reviews(id),
    received_at TEXT NOT NULL,
    policy_id TEXT NOT NULL,
    policy_version TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('A1', 'A3', 'A4', 'A6')),
    decider_id INTEGER NOT NULL REFERENCES users(id),
    decider_role TEXT NOT NULL,
    rationale TEXT NOT NULL,
    authorization_number TEXT,
    period_start TEXT,
    period_end TEXT,
    units INTEGER,
    supersedes_id INTEGER REFERENCES determinations(id),
    correction_reason TEXT,
    decided_at TEXT NOT NULL,
    evaluation_json TEXT NOT NULL CHECK (json_valid(evaluation_json)),
    CHECK (decision <> 'A1' OR (authorization_number IS NOT NULL AND period_start IS NOT NULL
        AND period_end IS NOT NULL AND units IS NOT NULL)),
    CHECK (period_start IS NULL OR period_end IS NULL OR period_start <= period_end),
    CHECK (supersedes_id IS NULL OR length(trim(coalesce(correction_reason, ''))) > 0)
);
CREATE INDEX determinations_request ON determinations (request_id);
CREATE UNIQUE INDEX determinations_superseded_once ON determinations (supersedes_id)
    WHERE supersedes_id IS NOT NULL;
CREATE INDEX determinations_decider ON determinations (decider_id, received_at, request_id);
CREATE INDEX determinations_decision ON determinations (decision, received_at, request_id);
CREATE INDEX determinations_policy ON determinations (policy_id, received_at, request_id);
CREATE INDEX determinations_authorization ON determinations (authorization_number)
    WHERE authorization_number IS NOT NULL;
CREATE TRIGGER determinations_same_request BEFORE INSERT ON determinations
WHEN NEW.supersedes_id IS NOT NULL
    AND (SELECT request_id FROM determinations WHERE id = NEW.supersedes_id) IS NOT NEW.request_id
BEGIN SELECT RAISE(ABORT, 'a correction must supersede a determination of the same request'); END;
CREATE TRIGGER determinations_no_update BEFORE UPDATE ON determinations
BEGIN SELECT RAISE(ABORT, 'determinations are immutable; record a correction instead'); END;
CREATE TRIGGER determinations_no_delete BEFORE DELETE ON determinations
BEGIN SELECT RAISE(ABORT, 'determinations are immutable; record a correction instead'); END;

CREATE TABLE letters (
    id INTEGER PRIMARY KEY,
    determination_id INTEGER NOT NULL REFERENCES determinations(id),
    kind TEXT NOT NULL DEFAULT 'determination',
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    signer_id INTEGER NOT NULL REFERENCES users(id),
    signed_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    pdf BLOB NOT NULL
);
CREATE INDEX letters_determination ON letters (determination_id);
CREATE TRIGGER letters_no_update BEFORE UPDATE ON letters
BEGIN SELECT RAISE(ABORT, 'signed letters are immutable'); END;
CREATE TRIGGER letters_no_delete BEFORE DELETE ON letters
BEGIN SELECT RAISE(ABORT, 'signed letters are immutable'); END;

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value_json TEXT NOT NULL CHECK (json_valid(value_json)),
    updated_at TEXT NOT NULL
);

CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor_id INTEGER REFERENCES users(id),
    action TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id TEXT,
    details_json TEXT NOT NULL CHECK (json_valid(details_json)),
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_object ON audit_log (object_type, object_id);
CREATE TRIGGER audit_log_appends_in_order BEFORE INSERT ON audit_log
WHEN NEW.seq IS NOT (SELECT coalesce(max(seq), 0) + 1 FROM audit_log)
    OR NEW.prev_hash IS NOT coalesce(
        (SELECT hash FROM audit_log WHERE seq = NEW.seq - 1),
        '0000000000000000000000000000000000000000000000000000000000000000')
BEGIN SELECT RAISE(ABORT, 'audit entries are appended in order, chained to the last one'); END;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"""


def _v1_initial(db: Database) -> None:
    db.executescript(_V1)


_V2 = """
CREATE VIRTUAL TABLE requests_fts USING fts5(
    member_name_folded, content='requests', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', prefix='2 3'
);
CREATE TRIGGER requests_fts_insert AFTER INSERT ON requests
BEGIN
    INSERT INTO requests_fts (rowid, member_name_folded) VALUES (NEW.id, NEW.member_name_folded);
END;
-- id -> received time without touching the (large) request rows: free-text search
-- sorts its candidates here and reads whole rows only for the page it returns.
CREATE INDEX requests_order ON requests (id, received_at, received_on);
DROP TRIGGER requests_intake_immutable;
CREATE TRIGGER requests_intake_immutable
BEFORE UPDATE OF reference, intake_json, received_at, received_on, urgency, decision_due_at,
    member_id, member_name, member_name_folded, birth_date, request_type, continuation_of,
    imported_at, imported_by
ON requests
BEGIN SELECT RAISE(ABORT, 'a request is kept exactly as received and cannot be changed'); END;
"""


def _v2_name_search(db: Database) -> None:
    """Accent- and case-insensitive name search: a folded name column and its FTS5 index."""
    db.execute("ALTER TABLE requests ADD COLUMN member_name_folded TEXT NOT NULL DEFAULT ''")
    rows = db.execute("SELECT id, member_name FROM requests").fetchall()
    db.conn.executemany(
        "UPDATE requests SET member_name_folded = ? WHERE id = ?",
        [(fold(name), rid) for rid, name in rows],
    )
    db.executescript(_V2)
    db.execute("INSERT INTO requests_fts (requests_fts) VALUES ('rebuild')")


_V3 = """
-- Utilization-management metrics read this, not determinations: one small row per
-- determination with its clock facts precomputed (urgency, seconds from receipt,
-- on time), so a report over a million decisions is an index scan, not a join.
-- Derived data only, kept by triggers; "current" drops to 0 when superseded.
CREATE TABLE decision_times (
    determination_id INTEGER PRIMARY KEY REFERENCES determinations(id),
    expedited INTEGER NOT NULL,
    decision TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    month INTEGER NOT NULL,  -- year * 12 + month - 1 of decided_at (UTC)
    seconds INTEGER NOT NULL,  -- receipt to decision
    on_time INTEGER NOT NULL,  -- decided by the request's decision_due_at
    decider_id INTEGER NOT NULL,
    current INTEGER NOT NULL DEFAULT 1
);
-- Column order = GROUP BY order: the aggregate streams the index, no sorting.
CREATE INDEX decision_times_period ON decision_times
    (month, expedited, decision, current, decided_at, seconds, on_time);
CREATE INDEX decision_times_reviewer ON decision_times (decider_id, decision, current, decided_at);
CREATE INDEX decision_times_median ON decision_times (expedited, month, seconds, decided_at)
    WHERE current = 1 AND decision IN ('A1', 'A3');
CREATE TRIGGER decision_times_insert AFTER INSERT ON determinations
BEGIN
    INSERT INTO decision_times (determination_id, expedited, decision, decided_at, month,
        seconds, on_time, decider_id)
    SELECT NEW.id, coalesce(r.urgency = 'expedited', 0), NEW.decision, NEW.decided_at,
        CAST(substr(NEW.decided_at, 1, 4) AS INTEGER) * 12
            + CAST(substr(NEW.decided_at, 6, 2) AS INTEGER) - 1,
        CAST(round((julianday(NEW.decided_at) - julianday(r.received_at)) * 86400) AS INTEGER),
        NEW.decided_at <= r.decision_due_at, NEW.decider_id
    FROM requests r WHERE r.id = NEW.request_id;
    UPDATE decision_times SET current = 0 WHERE determination_id = NEW.supersedes_id;
END;
-- Requests received per period and urgency without reading the request rows.
CREATE INDEX requests_received_urgency ON requests (received_at, urgency);
-- Open reviews (the "overdue now" count) without scanning every decided one.
CREATE INDEX reviews_open ON reviews (state, request_id)
    WHERE state IN ('draft', 'referred', 'pended');
"""


def _v3_decision_times(db: Database) -> None:
    """Metrics: per-determination clock facts (backfilled) and the indexes reports read."""
    db.executescript(_V3)
    db.execute(f"INSERT INTO decision_times ({DECISION_TIMES_COLUMNS}) {DECISION_TIMES_ROWS}")


def _v4_cancel_code(db: Database) -> None:
    """A cancelled request is X12 306 "C" (A6 means modified), as the Da Vinci PAS guide uses it.

    Until now a cancellation was stored as A6. Determinations are immutable, so the
    CHECK of the table is rewritten in place (the SQLite-documented procedure for a
    constraint change that leaves the stored rows valid), then the no-update
    trigger is lifted for this one correction and restored. The audit log keeps
    what was written then: its entries are hash-chained and never rewritten.
    """
    conn = db.conn
    version = int(conn.execute("PRAGMA schema_version").fetchone()[0])
    conn.execute("PRAGMA writable_schema = ON")
    try:
        conn.execute(
            "UPDATE sqlite_master SET sql = replace(sql, \"'A4', 'A6')\", \"'A4', 'C')\")"
            " WHERE type = 'table' AND name = 'determinations'"
        )
        conn.execute(f"PRAGMA schema_version = {version + 1}")
    finally:
        conn.execute("PRAGMA writable_schema = OFF")
    no_update = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'determinations_no_update'"
    ).fetchone()[0]
    conn.execute("DROP TRIGGER determinations_no_update")
    conn.execute("UPDATE determinations SET decision = 'C' WHERE decision = 'A6'")
    conn.execute(no_update)
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'decision_times'").fetchone():
        conn.execute("UPDATE decision_times SET decision = 'C' WHERE decision = 'A6'")


_V5 = """
-- HL7 Da Vinci PAS: the Bundle as received beside the request derived from it, and
-- the PAS metrics (PASMetricData) of each such request, kept by triggers.
CREATE TABLE pas_requests (
    request_id INTEGER PRIMARY KEY REFERENCES requests(id),
    bundle_identifier TEXT,
    claim_url TEXT,
    item_sequence INTEGER NOT NULL DEFAULT 1,
    sources_json TEXT NOT NULL CHECK (json_valid(sources_json)),
    first_submitted_at TEXT NOT NULL,
    final_response_at TEXT,
    bundle_json TEXT NOT NULL
);
CREATE TRIGGER pas_requests_as_received
BEFORE UPDATE OF request_id, bundle_identifier, claim_url, item_sequence, sources_json,
    first_submitted_at, bundle_json ON pas_requests
BEGIN SELECT RAISE(ABORT, 'a request is kept exactly as received and cannot be changed'); END;
CREATE TRIGGER pas_requests_never_deleted BEFORE DELETE ON pas_requests
BEGIN SELECT RAISE(ABORT, 'requests are never deleted'); END;
CREATE TABLE pas_information_requests (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests(id),
    determination_id INTEGER NOT NULL UNIQUE REFERENCES determinations(id),
    requested_at TEXT NOT NULL,
    respond_by TEXT,
    answered_at TEXT
);
CREATE INDEX pas_information_requests_request ON pas_information_requests (request_id);
CREATE TRIGGER pas_final_response AFTER INSERT ON determinations
WHEN NEW.decision IN ('A1', 'A3', 'C')
BEGIN
    UPDATE pas_requests SET final_response_at = NEW.decided_at WHERE request_id = NEW.request_id;
END;
CREATE TRIGGER pas_information_requested AFTER INSERT ON determinations
WHEN NEW.decision = 'A4'
BEGIN
    INSERT INTO pas_information_requests (request_id, determination_id, requested_at, respond_by)
    SELECT NEW.request_id, NEW.id, NEW.decided_at,
        CASE WHEN instr(NEW.rationale, 'Respond by: ') > 0
            THEN substr(NEW.rationale, instr(NEW.rationale, 'Respond by: ') + 12, 10) END
    FROM pas_requests WHERE request_id = NEW.request_id;
END;
CREATE TRIGGER pas_information_answered AFTER UPDATE OF state ON reviews
WHEN OLD.state = 'pended' AND NEW.state IN ('draft', 'decided')
BEGIN
    UPDATE pas_information_requests SET answered_at = NEW.updated_at
    WHERE request_id = NEW.request_id AND answered_at IS NULL;
END;
"""


def _v5_pas_requests(db: Database) -> None:
    """HL7 Da Vinci PAS: the Bundle kept as received beside its request, and PAS metrics."""
    db.executescript(_V5)


# Append only: never edit or reorder a migration that has shipped.
MIGRATIONS: list[Migration] = [
    _v1_initial,
    _v2_name_search,
    _v3_decision_times,
    _v4_cancel_code,
    _v5_pas_requests,
    migrate_v6,  # the metrics rollup (store/metrics_rollup.py)
]
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def check_not_newer(version: int, what: str = "This database") -> None:
    if version > SCHEMA_VERSION:
        raise SchemaTooNewError(
            f"{what} was written by a newer version of ixreview (schema {version}; this "
            f"program knows schema {SCHEMA_VERSION}). Install the newer ixreview to open it; "
            "it is never downgraded."
        )


def migrate(db: Database, target: int = SCHEMA_VERSION) -> int:
    """Bring the database up to `target`; returns the version it started at."""
    conn = db.conn
    start = schema_version(conn)
    check_not_newer(start)
    while True:
        # BEGIN IMMEDIATE then re-read: another process may have migrated meanwhile.
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = schema_version(conn)
            check_not_newer(current)
            if current >= target:
                conn.execute("COMMIT")
                return start
            MIGRATIONS[current](db)
            conn.execute(f"PRAGMA user_version = {current + 1}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
