"""Opening the database: location, pragmas, permissions, schema versions, migrations."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest
from sqlite_utils import Database
from store_helpers import FIXTURES, case_text

from ixreview.store import SCHEMA_VERSION, HistoryQuery, SchemaTooNewError, StoreError, open_store
from ixreview.store.connection import default_db_path
from ixreview.store.schema import migrate


def _schema(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    return sorted(
        (name, " ".join((sql or "").split()))
        for name, sql in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        )
    )


def build_v1(path: Path) -> None:
    """A database exactly as schema version 1 wrote it (the frozen fixture)."""
    conn = sqlite3.connect(path)
    conn.executescript((FIXTURES / "schema_v1.sql").read_text(encoding="utf-8"))
    conn.close()


def test_new_database_is_current_wal_with_foreign_keys_and_owner_only(db_path: Path) -> None:
    with open_store(db_path) as store:
        store.users.create("a", "A", "admin")  # forces -wal / -shm into existence
        conn = store.conn
        assert store.schema_version == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
        for suffix in ("", "-wal", "-shm"):
            mode = stat.S_IMODE(Path(f"{db_path}{suffix}").stat().st_mode)
            assert mode == 0o600, suffix


def test_path_comes_from_argument_then_env_then_user_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_db = tmp_path / "env.sqlite3"
    monkeypatch.setenv("IXREVIEW_DB", str(env_db))
    with open_store(None) as store:
        assert store.path == env_db
    with open_store(tmp_path / "arg.sqlite3") as store:
        assert store.path == tmp_path / "arg.sqlite3"
    monkeypatch.delenv("IXREVIEW_DB")
    with open_store(None) as store:
        assert store.path == default_db_path()
        assert str(store.path).startswith(str(tmp_path.parent))  # the isolated XDG home
        assert stat.S_IMODE(store.path.parent.stat().st_mode) == 0o700


def test_v1_fixture_is_what_migration_1_creates(tmp_path: Path) -> None:
    fixture = tmp_path / "v1.sqlite3"
    build_v1(fixture)
    fresh = sqlite3.connect(":memory:", isolation_level=None)
    migrate(Database(fresh, execute_plugins=False), target=1)
    old = sqlite3.connect(fixture)
    try:
        assert _schema(old) == _schema(fresh)
    finally:
        old.close()
        fresh.close()


def test_version_1_database_migrates_and_keeps_its_records(tmp_path: Path) -> None:
    path = tmp_path / "v1.sqlite3"
    build_v1(path)
    with open_store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        # v2 backfilled the folded name and indexed it: accents no longer matter.
        rows = store.history.search(HistoryQuery(text="ibanez")).rows
        assert [r.reference for r in rows] == ["PA-2026-004211"]
        assert rows[0].decision == "A1" and rows[0].decider == "nurse1"
        det = store.determinations.get(1)
        assert det.evaluation().policy.id == "ING-CC-0090"
        assert store.verify_audit_chain().ok
        assert store.integrity_check() == ["ok"]
        with pytest.raises(sqlite3.IntegrityError, match="immutable"):
            store.conn.execute("UPDATE determinations SET rationale = 'x'")
        # A request imported after the migration is indexed and links to the v1 approval.
        result = store.import_case(
            case_text(
                reference="PA-2027-000001",
                request_type="continuation",
                continuation={"prior_authorization": "AUTH-V1-1"},
            )
        )
        assert result.continuation_of == 1
        assert len(store.history.search(HistoryQuery(text="IBÁÑEZ")).rows) == 2


def test_database_from_a_newer_program_is_refused_not_downgraded(db_path: Path) -> None:
    open_store(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(SchemaTooNewError, match="newer version of ixreview"):
        open_store(db_path)
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    conn.close()


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("these are not the cases you are looking for" * 100)
    with pytest.raises(StoreError, match="cannot open the case database"):
        open_store(path)


def test_a_cancellation_stored_as_a6_becomes_c_and_a6_is_refused_after(tmp_path: Path) -> None:
    """X12 306: A6 is *modified*; schema 4 corrects cancellations written as A6 to C."""
    path = tmp_path / "v1.sqlite3"
    build_v1(path)
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO determinations SELECT 2, request_id, review_id, received_at, policy_id,"
        " policy_version, 'A6', decider_id, decider_role, 'Cancelled: duplicate request.',"
        " NULL, NULL, NULL, NULL, 1, 'cancelled', decided_at, evaluation_json"
        " FROM determinations WHERE id = 1"
    )
    conn.commit()
    conn.close()
    with open_store(path) as store:
        assert str(store.determinations.get(2).decision) == "C"
        assert str(store.determinations.get(1).decision) == "A1"
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            store.conn.execute(
                "INSERT INTO determinations SELECT 3, request_id, review_id, received_at,"
                " policy_id, policy_version, 'A6', decider_id, decider_role, 'x', NULL, NULL,"
                " NULL, NULL, NULL, NULL, decided_at, evaluation_json FROM determinations"
                " WHERE id = 2"
            )
        with pytest.raises(sqlite3.IntegrityError, match="immutable"):
            store.conn.execute("UPDATE determinations SET decision = 'A6' WHERE id = 2")
        assert store.integrity_check() == ["ok"]
