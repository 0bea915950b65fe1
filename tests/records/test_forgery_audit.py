"""Forgeries 3 and 4 of issue 12: records changed behind the log's back, and the log
itself cut short, emptied or rewritten with a recomputed plain SHA-256 chain."""

from __future__ import annotations

import hashlib
import json
import sqlite3

from records_helpers import attacker, denied_case, run

from ixreview.store.audit import GENESIS_HASH, canonical
from ixreview.store.audit_check import letter_anchor
from ixreview.workflow import operations


def _approved(world) -> tuple[int, int]:
    ref = world.import_case()
    nina = world.sign_in("nina")
    result = operations.approve(world.store, nina, ref, world.pw("nina"), security=world.security)
    return result.determination_id, result.letter_id


def _head(world) -> int:
    return int(world.store.conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0])


def test_forgery_3_an_approval_turned_into_a_denial_and_its_letter_deleted(world) -> None:
    det_id, letter_id = _approved(world)
    code, out = run("--db", str(world.path), "audit", "verify")
    assert code == 0 and "audit log intact" in out and "keyed (HMAC)" in out, out
    attacker(
        world.path,
        f"UPDATE determinations SET decision = 'A3' WHERE id = {det_id}",
        f"DELETE FROM letters WHERE id = {letter_id}",
    )
    code, out = run("--db", str(world.path), "audit", "verify")
    assert code == 1
    assert (
        f"determination {det_id}: the record says A3 (denial) but the audit log recorded A1 "
        "(approval): the decision was changed outside ixreview"
    ) in out
    assert f"signed letter {letter_id}" in out and "no such letter is on record" in out


def test_forgery_4_the_newest_entries_cut_off_are_seen_against_a_checkpoint(
    world, tmp_path
) -> None:
    denied_case(world)
    mark = tmp_path / "checkpoint.json"
    code, out = run("--db", str(world.path), "audit", "checkpoint", "--out", str(mark))
    assert code == 0, out
    head = _head(world)
    assert json.loads(mark.read_text())["seq"] == head
    for cut in (1, 5):
        attacker(world.path, f"DELETE FROM audit_log WHERE seq > {_head(world) - cut}")
        code, out = run("--db", str(world.path), "audit", "verify", "--checkpoint", str(mark))
        assert code == 1, out
        assert f"records audit entry {head}, but the log ends at entry {_head(world)}" in out
    # An edited checkpoint is refused: its HMAC is under the audit key.
    doc = json.loads(mark.read_text())
    mark.write_text(json.dumps(doc | {"seq": _head(world)}))
    code, out = run("--db", str(world.path), "audit", "verify", "--checkpoint", str(mark))
    assert code == 1 and "was altered (its HMAC does not match)" in out


def test_forgery_4_entries_cut_below_a_letters_anchor_show_without_a_checkpoint(world) -> None:
    _, result = denied_case(world)
    pdf = world.store.determinations.letter(result.letter_id).pdf
    anchor = letter_anchor(pdf)
    assert anchor is not None
    seq, _ = anchor
    attacker(world.path, f"DELETE FROM audit_log WHERE seq >= {seq}")
    code, out = run("--db", str(world.path), "audit", "verify")
    assert code == 1
    assert f"letter {result.letter_id} (signed anchor) records audit entry {seq}" in out


def test_forgery_4_an_emptied_log_with_records_present(world) -> None:
    det_id, letter_id = _approved(world)
    attacker(world.path, "DELETE FROM audit_log")
    code, out = run("--db", str(world.path), "audit", "verify")
    assert code == 1
    assert "0 entries" in out
    assert "user 1 (admin) is on record but the audit log has no entry creating it" in out
    assert f"determination {det_id} (A1, approval) is on record" in out
    assert f"letter {letter_id} is on record but the audit log has no entry signing it" in out


def test_forgery_4_an_edited_entry_with_its_plain_chain_recomputed(world) -> None:
    det_id, _ = _approved(world)
    conn = sqlite3.connect(world.path)
    rows = conn.execute("SELECT * FROM audit_log ORDER BY seq").fetchall()
    names = [d[0] for d in conn.execute("SELECT * FROM audit_log LIMIT 0").description]
    conn.close()
    statements = []
    prev = GENESIS_HASH
    target = None
    for values in rows:
        row = dict(zip(names, values, strict=True))
        details = json.loads(row["details_json"])
        if row["object_type"] == "determination" and row["action"] == "decided":
            details["decision"] = "A3"  # the attacker's edit
            target = row["seq"]
        digest = hashlib.sha256(canonical({**row, "details": details}) + prev.encode()).hexdigest()
        text = json.dumps(details, sort_keys=True).replace("'", "''")
        statements.append(
            f"UPDATE audit_log SET details_json = '{text}', prev_hash = '{prev}', "
            f"hash = '{digest}' WHERE seq = {row['seq']}"
        )
        prev = digest
    attacker(
        world.path, *statements, f"UPDATE determinations SET decision = 'A3' WHERE id = {det_id}"
    )
    code, out = run("--db", str(world.path), "audit", "verify")
    assert code == 1
    assert "audit chain broken at entry 1: entry 1 was altered" in out
    assert "keyed hash (HMAC)" in out
    assert target is not None
