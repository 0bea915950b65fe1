"""Forgery 2 of issue 12: a self-made CA added to the database's trust setting, and a
letter row inserted with the hash of a letter that CA's certificate signed."""

from __future__ import annotations

import json

from records_helpers import attacker, denied_case, run

from ixreview.letters import LetterKind, create_organization_ca, enroll_reviewer, sign_letter
from ixreview.letters.samples import sample_letter
from ixreview.workflow.keys import CA_CERTIFICATE_SETTING


def test_a_root_added_to_the_database_is_not_trusted(world, tmp_path) -> None:
    ref, result = denied_case(world)
    evil = create_organization_ca("Blue Valley Health Plan", "attacker-password")
    forged_key = enroll_reviewer(
        evil,
        "attacker-password",
        name="Pat Physician",
        role="Physician reviewer (Medical Director)",
        credentials="MD",
        password="attacker-password",
        role_code="physician_reviewer",
    )
    letter = sample_letter(LetterKind.DENIAL)
    letter = letter.model_copy(
        update={
            "reference": ref,
            "signer": letter.signer.model_copy(update={"name": "Pat Physician"}),
        }
    )
    forged = sign_letter(letter, forged_key, "attacker-password")
    kept = world.store.settings.get(CA_CERTIFICATE_SETTING)
    doc_id = world.store.users.by_username("drpat").id
    attacker(
        world.path,
        "UPDATE settings SET value_json = "
        f"'{json.dumps(kept + evil.cert_pem)}' WHERE key = '{CA_CERTIFICATE_SETTING}'",
        "INSERT INTO letters (determination_id, kind, sha256, signer_id, signed_at, created_at,"
        f" pdf) VALUES ({result.determination_id}, 'denial', '{forged.sha256}', {doc_id},"
        f" '2026-11-22T15:00:00+00:00', '2026-11-22T15:00:00+00:00', x'{forged.pdf.hex()}')",
    )
    pdf = tmp_path / "forged.pdf"
    pdf.write_bytes(forged.pdf)

    code, out = run("--db", str(world.path), "verify", str(pdf))
    assert code == 1, out
    assert "Matches record:    yes" in out  # the attacker's row matches ...
    assert "Trusted signer:    NO" in out  # ... but the root is not the pinned one
    assert "does not chain to the organization's trusted root" in out

    code, out = run("--db", str(world.path), "audit", "verify")
    forged_id = max(r[0] for r in world.store.conn.execute("SELECT id FROM letters"))
    assert code == 1
    assert f"letter {forged_id} is on record but the audit log has no entry signing it" in out
    assert "names a signing authority no administrator of this database pinned" in out


def test_the_genuine_letter_verifies_against_the_pinned_root(world, tmp_path) -> None:
    _, result = denied_case(world)
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(world.store.determinations.letter(result.letter_id).pdf)
    code, out = run("--db", str(world.path), "verify", str(pdf))
    assert code == 0, out
    assert "Long-term (LTA):   yes (1 document timestamp(s)" in out
    assert "Signer's role:     yes (denial letter; certificate role physician_reviewer)" in out
