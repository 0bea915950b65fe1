"""Renewing letters' timestamps, revocation on deactivation, and keying an old audit log."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta

from cryptography import x509
from records_helpers import denied_case, run

from ixreview.letters.longterm import last_timestamp_expiry
from ixreview.letters.verify import verify_letter
from ixreview.store import open_store
from ixreview.store.audit import GENESIS_HASH, entry_hash, verify_chain
from ixreview.workflow import accounts
from ixreview.workflow.renewal import renew_letters
from ixreview.workflow.trust import _org_dir, current_crls, pinned_roots


def test_renew_adds_a_document_timestamp_and_both_copies_verify(
    world, private_config, monkeypatch
) -> None:
    from ixreview.workflow import trust

    monkeypatch.setattr(trust, "tsa_now", world.clock)  # the authority's time, years on
    _, result = denied_case(world)
    original = world.store.determinations.letter(result.letter_id)
    code, out = run("--db", str(world.path), "letters", "renew", "--within-days", "30")
    assert code == 0 and "renewed 0 letter(s)" in out, out  # nothing expires within 30 days
    # The letters' timestamps and the authority expire together: renewing needs a new one.
    code, out = run("--db", str(world.path), "letters", "renew", "--within-days", "3660")
    assert code == 1 and "the local timestamp authority's own certificate expires" in out

    world.clock.advance(days=9 * 365 + 180)  # half a year before the timestamps expire
    admin = world.sign_in("admin")
    accounts.add_user(  # opening the CA issues a new timestamp authority
        world.store, admin, username="nora", full_name="Nora Quinlan", role="nurse_reviewer",
        credentials="RN", password="Quiet-harbour-lantern-7", admin_password=world.pw("admin"),
        security=world.security,
    )  # fmt: skip
    renewals = renew_letters(world.store, within=timedelta(days=365), actor=None)
    assert [(r.letter_id, r.note) for r in renewals] == [(original.id, "renewed")]
    renewed = world.store.determinations.letter(renewals[0].new_letter_id)
    assert renewed.determination_id == original.determination_id
    assert renewed.pdf.startswith(original.pdf)  # the issued letter is kept, byte for byte
    assert last_timestamp_expiry(renewed.pdf) > last_timestamp_expiry(original.pdf)
    at = world.clock()
    for copy in (original, renewed):
        report = verify_letter(copy.pdf, pinned_roots(), copy.sha256, crls=current_crls(), at=at)
        assert report.ok, report.reasons
    later = verify_letter(renewed.pdf, pinned_roots(), renewed.sha256, at=at)
    assert later.document_timestamps == 2
    code, out = run("--db", str(world.path), "audit", "verify")
    assert code == 0, out
    assert renew_letters(world.store, within=timedelta(days=365), actor=None) == []


def test_deactivation_publishes_a_revocation_list(world, private_config) -> None:
    admin = world.sign_in("admin")
    nina = world.store.users.by_username("nina")
    serial = x509.load_pem_x509_certificate(nina.certificate_pem.encode()).serial_number
    accounts.deactivate_user(world.store, admin, "nina", admin_password=world.pw("admin"))
    ca = x509.load_pem_x509_certificate(
        world.store.settings.get("signing.trust_roots_pem").encode()
    )
    crl = x509.load_pem_x509_crl((_org_dir(ca) / "crl.pem").read_bytes())
    assert crl.get_revoked_certificate_by_serial_number(serial) is not None
    published = [e for e in world.store.audit.entries() if e.action == "crl_published"]
    assert published[-1].details["revoked"] >= 1


def test_an_old_plain_chain_is_keyed_and_its_head_anchored(tmp_path) -> None:
    path = tmp_path / "old.sqlite3"
    with open_store(path) as store:  # schema only; entries written as an old version did
        prev = GENESIS_HASH
        for seq in (1, 2, 3):
            entry = {
                "seq": seq,
                "at": f"2026-01-0{seq}T00:00:00+00:00",
                "actor_id": None,
                "action": "viewed",
                "object_type": "queue",
                "object_id": None,
                "details": {"count": seq},
            }
            digest = entry_hash(entry, prev)
            store.conn.execute(
                "INSERT INTO audit_log (seq, at, actor_id, action, object_type, object_id,"
                " details_json, prev_hash, hash) VALUES (?, ?, NULL, 'viewed', 'queue', NULL,"
                " ?, ?, ?)",
                (seq, entry["at"], json.dumps(entry["details"]), prev, digest),
            )
            prev = digest
    with open_store(path) as store:
        store.audit.append("viewed", "queue", None, actor=None, details={"count": 4})
        keyed = store.audit.entries()[3]
        assert keyed.action == "audit_keyed" and keyed.details["legacy_head"] == prev
        assert verify_chain(store.conn).ok
    # Entry 2 edited and the plain chain 1..3 recomputed: the first keyed entry chains to
    # the old head (under the HMAC), so the edit shows.
    conn = sqlite3.connect(path)
    conn.executescript("DROP TRIGGER audit_log_no_update;")
    rows = conn.execute("SELECT seq, at, details_json FROM audit_log WHERE seq <= 3").fetchall()
    prev = GENESIS_HASH
    for seq, at, details in rows:
        data = json.loads(details) | ({"count": 99} if seq == 2 else {})
        entry = {
            "seq": seq,
            "at": at,
            "actor_id": None,
            "action": "viewed",
            "object_type": "queue",
            "object_id": None,
            "details": data,
        }
        digest = entry_hash(entry, prev)
        conn.execute(
            "UPDATE audit_log SET details_json = ?, prev_hash = ?, hash = ? WHERE seq = ?",
            (json.dumps(data), prev, digest, seq),
        )
        prev = digest
    conn.commit()
    conn.close()
    code, out = run("--db", str(path), "audit", "verify")
    assert code == 1
    assert "audit chain broken at entry 4: entry 4 does not follow entry 3" in out
