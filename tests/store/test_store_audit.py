"""The audit log: append-only by trigger, tamper-evident by hash chain."""

from __future__ import annotations

import sqlite3

import pytest
from store_helpers import case_text

from ixreview.store import Store


def _with_entries(store: Store, n: int = 6) -> None:
    for i in range(n):
        store.import_case(case_text(reference=f"AUD-{i}", **{"member.id": f"M{i}"}))


def _drop_guards(store: Store) -> None:
    """What an attacker with the file does first: remove the triggers."""
    for name in ("audit_log_no_update", "audit_log_no_delete", "audit_log_appends_in_order"):
        store.conn.execute(f"DROP TRIGGER {name}")


def test_intact_chain_verifies(store: Store) -> None:
    _with_entries(store)
    report = store.verify_audit_chain()
    assert report.ok and report.entries == 6 and report.bad_seq is None
    assert report.head_hash == store.audit.entries()[-1].hash


def test_update_and_delete_are_refused_by_triggers(store: Store) -> None:
    _with_entries(store, 2)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.conn.execute("UPDATE audit_log SET action = 'viewed'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.conn.execute("DELETE FROM audit_log WHERE seq = 2")
    with pytest.raises(sqlite3.IntegrityError, match="chained"):
        store.conn.execute(
            "INSERT INTO audit_log VALUES (9, 'x', NULL, 'viewed', 'request', '1', '{}', 'x', 'y')"
        )


def test_edited_entry_is_detected(store: Store) -> None:
    _with_entries(store)
    _drop_guards(store)
    store.conn.execute("UPDATE audit_log SET details_json = '{\"warnings\": 0}' WHERE seq = 3")
    report = store.verify_audit_chain()
    assert not report.ok and report.bad_seq == 3 and "altered" in (report.reason or "")


def test_edited_actor_is_detected(store: Store) -> None:
    _with_entries(store)
    _drop_guards(store)
    store.conn.execute("UPDATE audit_log SET at = '2020-01-01' WHERE seq = 5")
    assert store.verify_audit_chain().bad_seq == 5


def test_deleted_entry_is_detected(store: Store) -> None:
    _with_entries(store)
    _drop_guards(store)
    store.conn.execute("DELETE FROM audit_log WHERE seq = 4")
    report = store.verify_audit_chain()
    assert not report.ok and report.bad_seq == 4 and "removed" in (report.reason or "")


def test_deleted_and_renumbered_entries_are_detected(store: Store) -> None:
    _with_entries(store)
    _drop_guards(store)
    store.conn.execute("DELETE FROM audit_log WHERE seq = 2")
    store.conn.execute("UPDATE audit_log SET seq = seq - 1 WHERE seq > 2")
    report = store.verify_audit_chain()
    assert not report.ok and report.bad_seq == 2 and "does not follow" in (report.reason or "")


def test_reordered_entries_are_detected(store: Store) -> None:
    _with_entries(store)
    _drop_guards(store)
    store.conn.execute("UPDATE audit_log SET seq = -1 WHERE seq = 3")
    store.conn.execute("UPDATE audit_log SET seq = 3 WHERE seq = 4")
    store.conn.execute("UPDATE audit_log SET seq = 4 WHERE seq = -1")
    report = store.verify_audit_chain()
    assert not report.ok and report.bad_seq == 3 and "reordered" in (report.reason or "")


def test_details_refuse_phi_and_actions_must_be_words(store: Store) -> None:
    with pytest.raises(ValueError, match="PHI"):
        store.audit.append("viewed", "request", 1, actor=None, details={"member_id": "X"})
    with pytest.raises(ValueError, match="lowercase word"):
        store.audit.append("DROP TABLE", "request", 1, actor=None)
    assert store.audit.entries() == []


def test_entries_without_a_user_name_the_os_account(store: Store) -> None:
    entry = store.audit.append("printed", "letter", 7, actor=None)
    assert entry.details["os_user"]
    assert store.audit.entries(object_type="letter", object_id=7) == [entry]
