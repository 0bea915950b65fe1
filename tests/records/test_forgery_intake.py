"""Issue 12's gap, closed: a request's stored intake edited after it was received.

The adversary holds the database file (sqlite3, the trigger guarding the intake
dropped); the request's creation entry holds the SHA-256 of the intake as stored
(and of the PAS Bundle kept with it), so `ixreview audit verify` names the request.
Requests imported before the hash was recorded are counted as not covered.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from records_helpers import attacker, run
from workflow_helpers import case_data

from ixreview.store import open_store
from ixreview.store.intake_check import sha256_text
from ixreview.workflow import records

PAS_BUNDLE = Path(__file__).parent.parent / "pas" / "data" / "request-complete.json"
SCHEMA_V1 = Path(__file__).parent.parent / "store" / "fixtures" / "schema_v1.sql"
UNGUARD = "DROP TRIGGER IF EXISTS requests_intake_immutable"
CHANGED = "its stored intake was changed after it was received"


def _audit(path: Path) -> tuple[int, str]:
    return run("--db", str(path), "audit", "verify")


def _forged(path: Path, *statements: str) -> str:
    """The adversary's SQL, the intake's trigger dropped first; `audit verify` must fail."""
    attacker(path, UNGUARD, *statements)
    code, out = _audit(path)
    assert code == 1, out
    assert "Traceback" not in out
    return out


def _edit(path: Path, reference: str, value_sql: str) -> str:
    return _forged(
        path, f"UPDATE requests SET intake_json = {value_sql} WHERE reference = '{reference}'"
    )


def _two_requests(world) -> tuple[str, str]:
    first = world.import_case(case_data(reference="PA-2026-004211"))
    second = world.import_case(case_data(reference="PA-2026-004212"))
    return first, second


def _created_details(world, reference: str) -> dict:
    request_id = world.store.requests.by_reference(reference).id
    (entry,) = [
        e
        for e in world.store.audit.entries(object_type="request", object_id=request_id)
        if e.action == "created"
    ]
    return entry.details


def test_the_creation_entry_holds_the_intakes_hash_and_no_phi(world) -> None:
    ref, _ = _two_requests(world)
    details = _created_details(world, ref)
    stored = world.store.conn.execute(
        "SELECT intake_json FROM requests WHERE reference = ?", (ref,)
    ).fetchone()[0]
    assert details["intake_sha256"] == sha256_text(stored)
    assert "bundle_sha256" not in details
    text = json.dumps(details)
    member = case_data()["member"]
    for phi in (member["id"], member["first_name"], member["birth_date"], "Magnolia"):
        assert phi not in text


def test_the_untouched_database_verifies_clean(world) -> None:
    _two_requests(world)
    code, out = _audit(world.path)
    assert code == 0, out
    assert "2 request intake(s) as received" in out and "not covered" not in out, out


def test_an_intake_edited_after_the_trigger_was_dropped_is_named(world) -> None:
    edited, untouched = _two_requests(world)
    out = _edit(world.path, edited, "replace(intake_json, '2400', '1400')")
    assert f"request {edited}: {CHANGED}" in out
    assert f"request {untouched}:" not in out


def test_an_intake_swapped_for_another_requests_text_is_named(world) -> None:
    first, second = _two_requests(world)
    other = f"(SELECT intake_json FROM requests WHERE reference = '{second}')"
    out = _edit(world.path, first, other)
    assert f"request {first}: {CHANGED}" in out


def test_an_intake_rewritten_as_text_that_is_not_utf8_is_named_not_a_traceback(world) -> None:
    edited, _ = _two_requests(world)
    out = _edit(world.path, edited, "intake_json || x'ff00'")  # `||` keeps it text
    assert f"request {edited}: {CHANGED}" in out


def test_a_request_added_by_hand_and_one_deleted_are_named(world) -> None:
    first, second = _two_requests(world)
    gone = world.store.requests.by_reference(second).id
    out = _forged(
        world.path,
        "DROP TRIGGER IF EXISTS requests_never_deleted",
        "DROP TRIGGER IF EXISTS reviews_never_deleted",
        "PRAGMA foreign_keys = OFF",
        "INSERT INTO requests (reference, intake_json, received_at, received_on,"
        " decision_due_at, imported_at) SELECT 'PA-2026-999999', intake_json, received_at,"
        f" received_on, decision_due_at, imported_at FROM requests WHERE reference = '{first}'",
        f"DELETE FROM reviews WHERE request_id = {gone}",
        f"DELETE FROM requests WHERE id = {gone}",
    )
    assert "request PA-2026-999999 is on record but the audit log has no entry creating it" in out
    assert f"the audit log created request {gone} (entry" in out
    assert "no such request is on record: it was deleted" in out


def test_a_kept_pas_bundle_is_hashed_and_an_edit_to_it_is_named(world) -> None:
    nina = world.sign_in("nina")
    raw = PAS_BUNDLE.read_text(encoding="utf-8")
    result = records.import_case(world.store, nina, raw, policy="ING-CC-0090")
    details = _created_details(world, result.reference)
    assert details["bundle_sha256"] == sha256_text(raw)
    assert details["received_as"] == "pas_bundle"
    code, out = _audit(world.path)
    assert code == 0, out
    out = _forged(
        world.path,
        "DROP TRIGGER IF EXISTS pas_requests_as_received",
        "UPDATE pas_requests SET bundle_json = replace(bundle_json, 'A12345', 'A12346')",
    )
    assert f"request {result.reference}: its stored PAS Bundle was changed after it was" in out
    assert CHANGED not in out  # the derived intake itself is as received


def test_an_old_database_counts_its_unhashed_requests_once_as_not_covered(
    tmp_path: Path,
) -> None:
    """A schema-1 database (the frozen fixture): its request's creation entry has no
    hash. It is neither passed in silence nor taken for tampering; a request imported
    after the upgrade is covered."""
    path = tmp_path / "v1.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA_V1.read_text(encoding="utf-8"))
    conn.close()
    with open_store(path) as store:
        store.import_case(json.dumps(case_data(reference="PA-2027-000001")))
    code, out = _audit(path)
    assert code == 0, out
    assert out.count("not covered") == 1, out
    assert "Note: 1 request was received before the audit log recorded a hash" in out
    assert "1 request intake(s) as received" in out
    assert CHANGED not in out
    # The new request is held to its hash; the old one stays not covered, not named.
    out = _forged(path, "UPDATE requests SET intake_json = intake_json || ' '")
    assert f"request PA-2027-000001: {CHANGED}" in out
    assert "request PA-2026-004211:" not in out
    assert "1 request was received before the audit log recorded a hash" in out



def test_a_pas_bundle_deleted_and_one_added_behind_the_log_are_named(world) -> None:
    nina = world.sign_in("nina")
    raw = PAS_BUNDLE.read_text(encoding="utf-8")
    pas = records.import_case(world.store, nina, raw, policy="ING-CC-0090")
    plain = world.import_case(case_data(reference="PA-2026-004300"))
    plain_id = world.store.requests.by_reference(plain).id
    out = _forged(
        world.path,
        "DROP TRIGGER IF EXISTS pas_requests_never_deleted",
        "CREATE TEMP TABLE kept AS SELECT * FROM pas_requests",
        f"DELETE FROM pas_requests WHERE request_id = {pas.request_id}",
        f"UPDATE kept SET request_id = {plain_id}",
        "INSERT INTO pas_requests SELECT * FROM kept",
    )
    assert f"request {pas.reference}: the PAS Bundle it was received as is no longer on" in out
    assert (
        f"request {plain}: a PAS Bundle is on record that the audit log did not record"
    ) in out
    assert CHANGED not in out
