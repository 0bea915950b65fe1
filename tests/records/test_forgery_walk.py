"""Issue 12, walked again as an adversary holding the database file (sqlite3, triggers
dropped): each forgery below is caught by `ixreview audit verify` or `ixreview verify`
with a message naming what was changed."""

from __future__ import annotations

import pytest
from records_helpers import attacker, denied_case, run
from workflow_helpers import case_data

from ixreview.letters import create_organization_ca
from ixreview.workflow import accounts, operations, trust


def _audit(world) -> tuple[int, str]:
    return run("--db", str(world.path), "audit", "verify")


def _forged(world, *statements: str) -> str:
    """Apply the attacker's SQL; `audit verify` must fail; its output."""
    attacker(world.path, *statements)
    code, out = _audit(world)
    assert code == 1, out
    return out


@pytest.fixture
def decided(world):
    """A denial (letter signed by drpat) and an approval (letter signed by nina)."""
    _, denial = denied_case(world)
    ref = world.import_case(case_data(reference="PA-2026-004212"))
    nina = world.sign_in("nina")
    approval = operations.approve(world.store, nina, ref, world.pw("nina"), security=world.security)
    code, out = _audit(world)
    assert code == 0, out
    return denial, approval


def _user(world, name: str) -> int:
    return world.store.users.by_username(name).id


def test_a_letters_pdf_swapped_under_its_recorded_hash(world, decided) -> None:
    denial, approval = decided
    out = _forged(
        world,
        f"UPDATE letters SET pdf = (SELECT pdf FROM letters WHERE id = {approval.letter_id})"
        f" WHERE id = {denial.letter_id}",
    )
    assert f"letter {denial.letter_id}: its stored PDF's SHA-256 differs from the" in out


def test_a_letters_pdf_and_hash_swapped(world, decided) -> None:
    denial, approval = decided
    other = world.store.determinations.letter(approval.letter_id)
    sql = f"UPDATE letters SET pdf = x'{other.pdf.hex()}', sha256 = '{other.sha256}'"
    out = _forged(world, f"{sql} WHERE id = {denial.letter_id}")
    assert f"letter {denial.letter_id}: its SHA-256 on record differs" in out


def test_a_letter_moved_to_another_determination(world, decided) -> None:
    denial, approval = decided
    to = approval.determination_id
    out = _forged(
        world, f"UPDATE letters SET determination_id = {to} WHERE id = {denial.letter_id}"
    )
    assert (
        f"letter {denial.letter_id}: the record puts it under determination {to} but the "
        f"audit log signed it for determination {denial.determination_id}"
    ) in out


def test_a_letters_signer_changed(world, decided) -> None:
    denial, _ = decided
    nina = _user(world, "nina")
    out = _forged(world, f"UPDATE letters SET signer_id = {nina} WHERE id = {denial.letter_id}")
    assert f"letter {denial.letter_id}: the record names user {nina} as its signer" in out


def test_a_denial_attributed_to_another_decider(world, decided) -> None:
    det = decided[0].determination_id
    nina = _user(world, "nina")
    out = _forged(world, f"UPDATE determinations SET decider_id = {nina} WHERE id = {det}")
    assert f"determination {det}: the record names user {nina} as its decider" in out


def test_a_determination_moved_to_another_request(world, decided) -> None:
    denial, approval = decided
    det = denial.determination_id
    other = world.store.determinations.get(approval.determination_id).request_id
    out = _forged(world, f"UPDATE determinations SET request_id = {other} WHERE id = {det}")
    assert f"determination {det}: the record puts it under request {other}" in out


def test_a_deactivated_account_reactivated(world, decided) -> None:
    accounts.deactivate_user(world.store, world.sign_in("admin"), "nina")
    out = _forged(world, "UPDATE users SET active = 1 WHERE username = 'nina'")
    nina = _user(world, "nina")
    assert f"user {nina}: the record says active but the audit log last recorded" in out


def test_a_certificate_swapped_on_an_account(world, decided) -> None:
    out = _forged(
        world,
        "UPDATE users SET certificate_pem = (SELECT certificate_pem FROM users"
        " WHERE username = 'drpat'), signing_key_encrypted = (SELECT signing_key_encrypted"
        " FROM users WHERE username = 'drpat') WHERE username = 'nina'",
    )
    assert f"user {_user(world, 'nina')}: its certificate on record is not the one enrolled" in out


def _letter_file(world, letter_id: int, tmp_path) -> str:
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(world.store.determinations.letter(letter_id).pdf)
    return str(pdf)


def test_the_pinned_root_replaced_in_the_trust_file(
    world, decided, private_config, tmp_path
) -> None:
    evil = create_organization_ca("Blue Valley Health Plan", "attacker-password")
    (private_config / trust.TRUST_FILE).write_text(evil.cert_pem, encoding="ascii")
    code, out = _audit(world)
    assert code == 1 and "no longer holds this organization's root" in out, out
    letter = _letter_file(world, decided[0].letter_id, tmp_path)
    code, out = run("--db", str(world.path), "verify", letter)
    assert code == 1 and "Trusted signer:    NO" in out, out
    assert "Trust file:        The pinned trust-root file changed without" in out


def test_a_root_appended_to_the_trust_file_is_named(
    world, decided, private_config, tmp_path
) -> None:
    evil = create_organization_ca("Blue Valley Health Plan", "attacker-password")
    with (private_config / trust.TRUST_FILE).open("a", encoding="ascii") as handle:
        handle.write(evil.cert_pem)
    letter = _letter_file(world, decided[0].letter_id, tmp_path)
    code, out = run("--db", str(world.path), "verify", letter)
    assert code == 0, out  # the genuine letter still verifies, and the file is named
    assert "no administrator of this database pinned" in out, out
    # Not an error by itself (another organization's database on this computer pins its
    # root in the same file), but named: a letter under it would need a record, which
    # the audit log would not have (test_forgery_trust.py).
    code, out = _audit(world)
    assert code == 0 and "Note: The pinned trust-root file changed without" in out, out


def test_a_waiting_revocation_removed_from_the_database(world, decided) -> None:
    # Deactivated without the password (the revocation waits for the CA), then the
    # queue is emptied so the certificate would never be revoked.
    accounts.deactivate_user(world.store, world.sign_in("admin"), "nina")
    out = _forged(
        world, "UPDATE settings SET value_json = '[]' WHERE key = 'signing.pending_revocations'"
    )
    assert (
        f"user {_user(world, 'nina')} was deactivated but its certificate is neither on the "
        "signing authority's revocation list nor waiting for it"
    ) in out


def test_the_newest_decision_cut_with_its_records_and_entries(world, decided) -> None:
    """The newest approval, its letter and every audit entry since its decision removed
    (no checkpoint, and the letter carrying the newest anchor is gone with it): the
    review left decided names the request."""
    _, approval = decided
    det = approval.determination_id
    seq = next(
        e.seq
        for e in world.store.audit.entries()
        if e.action == "decided" and e.object_id == str(det)
    )
    request_id = world.store.determinations.get(det).request_id
    out = _forged(
        world,
        f"DELETE FROM letters WHERE determination_id = {det}",
        f"DELETE FROM determinations WHERE id = {det}",
        f"DELETE FROM audit_log WHERE seq >= {seq}",
    )
    assert f"request {request_id}: its review is decided but no determination" in out


def test_a_pdf_stored_as_text_is_named_not_a_traceback(world, decided, tmp_path) -> None:
    denial, _ = decided
    letter = _letter_file(world, denial.letter_id, tmp_path)  # exported before the change
    out = _forged(
        world,
        "UPDATE letters SET pdf = substr(pdf, 1, length(pdf) - 4) || x'00000000'"
        f" WHERE id = {denial.letter_id}",  # `||` makes it text that is not UTF-8
    )
    assert f"letter {denial.letter_id}: its stored PDF's SHA-256 differs" in out
    code, out = run("--db", str(world.path), "verify", letter)
    assert code == 1 and "Traceback" not in out, out
    assert "letters cannot be read (changed outside ixreview?)" in out
    assert "%PDF" not in out  # the error never quotes the stored letter


def test_a_letters_kind_changed(world, decided) -> None:
    approval = decided[1].letter_id
    out = _forged(world, f"UPDATE letters SET kind = 'denial' WHERE id = {approval}")
    assert (
        f"letter {approval}: the record says it is a denial letter but the audit log signed "
        "an approval letter"
    ) in out
