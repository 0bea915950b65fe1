"""Online backup, and a restore that checks its source before replacing anything."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest
from store_helpers import case_text

from ixreview.store import SCHEMA_VERSION, IntegrityError, SchemaTooNewError, Store, StoreError


def test_backup_is_a_consistent_owner_only_copy_taken_while_in_use(
    store: Store, tmp_path: Path
) -> None:
    store.import_case(case_text())
    other = sqlite3.connect(store.path)  # another window holds the database open
    other.execute("SELECT count(*) FROM requests").fetchone()
    target = store.backup(tmp_path / "copy.sqlite3")
    other.close()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    copy = sqlite3.connect(target)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT reference FROM requests").fetchall() == [("PA-2026-004211",)]
    assert copy.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    copy.close()
    assert store.audit.entries()[-1].action == "backed_up"
    with pytest.raises(StoreError, match="already exists"):
        store.backup(target)


def test_restore_replaces_the_database_and_keeps_the_old_one(store: Store, tmp_path: Path) -> None:
    store.import_case(case_text(reference="BEFORE"))
    backup = store.backup(tmp_path / "b.sqlite3")
    store.import_case(case_text(reference="AFTER", **{"member.id": "X"}))
    kept = store.restore(backup)
    assert [r[0] for r in store.conn.execute("SELECT reference FROM requests")] == ["BEFORE"]
    assert store.verify_audit_chain().ok
    assert store.audit.entries()[-1].action == "restored"
    old = sqlite3.connect(kept)
    assert {r[0] for r in old.execute("SELECT reference FROM requests")} == {"BEFORE", "AFTER"}
    old.close()


def _corrupt(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 2, len(data), 4096):  # trash every page but the header page
        data[offset + 10 : offset + 200] = b"\xff" * 190
    path.write_bytes(bytes(data))


def test_restore_refuses_a_damaged_backup_and_changes_nothing(store: Store, tmp_path: Path) -> None:
    store.import_case(case_text())
    backup = store.backup(tmp_path / "b.sqlite3")
    _corrupt(backup)
    before = store.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    with pytest.raises(IntegrityError, match=r"nothing was restored|not a usable database"):
        store.restore(backup)
    assert store.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == before
    assert store.integrity_check() == ["ok"]


def test_restore_refuses_a_tampered_audit_log(store: Store, tmp_path: Path) -> None:
    store.import_case(case_text())
    backup = store.backup(tmp_path / "b.sqlite3")
    conn = sqlite3.connect(backup)
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET actor_id = 99")
    conn.commit()
    conn.close()
    with pytest.raises(IntegrityError, match=r"audit log .* is not intact"):
        store.restore(backup)


def test_restore_refuses_newer_schema_and_foreign_databases(store: Store, tmp_path: Path) -> None:
    newer = store.backup(tmp_path / "newer.sqlite3")
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(SchemaTooNewError):
        store.restore(newer)
    foreign = tmp_path / "foreign.sqlite3"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(IntegrityError, match="not an ixreview database"):
        store.restore(foreign)
    with pytest.raises(StoreError, match="does not exist"):
        store.restore(tmp_path / "missing.sqlite3")
