"""`ixreview user deactivate` revokes the account's certificate (issue 12): the CA
publishes a revocation list naming it, and a letter its key signs afterwards does not
verify (signing with the organization's current list is refused outright)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner
from cryptography import x509
from records_helpers import attacker, denied_case, run

from ixreview.cli import cli, workflow_cmds
from ixreview.letters import LetterKind, sign_letter
from ixreview.letters.errors import SigningError
from ixreview.letters.samples import sample_letter
from ixreview.workflow import keys, trust


@pytest.fixture(autouse=True)
def _cheap_argon2(world, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workflow_cmds, "SECURITY", world.security)


def _deactivate(world, username: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli,
        ["--db", str(world.path), "user", "deactivate", username, "--as", "admin"],
        input=world.pw("admin") + "\n",
    )
    return result.exit_code, result.output


def _drpat(world):
    user = world.store.users.by_username("drpat")
    return keys.credential_from_columns(user.signing_key_encrypted, user.certificate_pem)


def _letter(ref: str):
    letter = sample_letter(LetterKind.DENIAL)
    signer = letter.signer.model_copy(update={"name": "Pat Physician"})
    return letter.model_copy(update={"reference": ref, "signer": signer})


def _on_record(world, determination_id: int, signed) -> None:
    """The ex-reviewer's letter put on record as the attacker would (triggers dropped)."""
    doc_id = world.store.users.by_username("drpat").id
    attacker(
        world.path,
        "INSERT INTO letters (determination_id, kind, sha256, signer_id, signed_at, created_at,"
        f" pdf) VALUES ({determination_id}, 'denial', '{signed.sha256}', {doc_id},"
        f" '{signed.signed_at.isoformat()}', '{signed.signed_at.isoformat()}',"
        f" x'{signed.pdf.hex()}')",
    )


def test_cli_deactivation_revokes_and_a_later_letter_does_not_verify(
    world, private_config, tmp_path, monkeypatch
) -> None:
    ref, result = denied_case(world)
    stale = trust.long_term(world.store)  # the ex-reviewer's copy, from before
    assert stale is not None
    credential = _drpat(world)
    serial = credential.certificate().serial_number

    # The deactivation (the revocation's date) two minutes ago, by the CLI's clock.
    revoked_at = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=2)
    monkeypatch.setattr(workflow_cmds, "system_now", lambda: revoked_at)
    code, out = _deactivate(world, "drpat")
    assert code == 0, out
    assert 'Deactivated "drpat"' in out and "Its certificate is revoked" in out
    crls = [x509.load_pem_x509_crl(pem.encode("ascii")) for pem in trust.current_crls()]
    ca = x509.load_pem_x509_certificate(
        world.store.settings.get(keys.CA_CERTIFICATE_SETTING).encode("ascii")
    )
    ours = [c for c in crls if c.is_signature_valid(ca.public_key())]
    assert len(ours) == 1 and ours[0].get_revoked_certificate_by_serial_number(serial)

    # Through ixreview: the account can do nothing more.
    decided = CliRunner().invoke(
        cli,
        ["--db", str(world.path), "decide", ref, "--user", "drpat", "--approve"],
        input=world.pw("drpat") + "\n",
    )
    assert decided.exit_code == 1 and "deactivated" in decided.output, decided.output
    # Outside ixreview, with the key and its password: the current list refuses ...
    now = revoked_at + timedelta(minutes=1)
    current = trust.long_term(world.store)
    assert current is not None
    with pytest.raises(SigningError, match="revoked"):
        sign_letter(_letter(ref), credential, world.pw("drpat"), now=now, long_term=current)
    # ... and a letter signed with a stale list (timestamped after the revocation) or with
    # no timestamps at all does not verify, even when put on record.
    stale = dataclasses.replace(stale, clock=lambda: now)
    for label, long_term in (("stale list", stale), ("no timestamps", None)):
        signed = sign_letter(
            _letter(ref), credential, world.pw("drpat"), now=now, long_term=long_term
        )
        _on_record(world, result.determination_id, signed)
        pdf = tmp_path / f"{label}.pdf"
        pdf.write_bytes(signed.pdf)
        code, out = run("--db", str(world.path), "verify", str(pdf))
        assert code == 1, (label, out)
        assert "Matches record:    yes" in out, (label, out)
        assert "Result:            NOT VALID" in out, (label, out)
        assert "the signer's certificate was revoked on" in out, (label, out)
    # (A letter signed before the revocation still verifies: test_long_term.py.)


def test_a_revocation_that_cannot_be_published_is_named(world, private_config) -> None:
    (private_config / trust.TRUST_FILE).unlink()  # this computer does not pin the root
    code, out = _deactivate(world, "nina")
    assert code == 1, out
    assert 'Deactivated "nina"' in out  # access is removed all the same ...
    assert 'the certificate of "nina" is NOT revoked yet' in out  # ... and this is said
    assert "does not pin the organization's root" in out
    assert not world.store.users.by_username("nina").active


def test_a_wrong_password_deactivates_nothing(world, private_config) -> None:
    result = CliRunner().invoke(
        cli,
        ["--db", str(world.path), "user", "deactivate", "nina", "--as", "admin"],
        input="not-the-password\n",
    )
    assert result.exit_code == 1 and "wrong user name or password" in result.output
    assert world.store.users.by_username("nina").active
