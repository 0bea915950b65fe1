"""`ixreview letter` and `ixreview verify`: the stored letter out, byte for byte; the
report and the exit status (0 all hold, 1 a check fails, 2 bad input)."""

from __future__ import annotations

import json
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from click.testing import CliRunner
from letters_helpers import PHYSICIAN_PASSWORD

from ixreview.cli import cli, workflow_cmds
from ixreview.cli.letter_cmds import TRUST_SETTING
from ixreview.letters import LetterData, sign_letter
from ixreview.letters.credentials import OrganizationCA, ReviewerCredential
from ixreview.letters.samples import EXAMPLE_CASE
from ixreview.letters.signing import SignedLetter
from ixreview.store import DecisionCode, NewDetermination, Role, Store, open_store
from ixreview.workflow import accounts
from ixreview.workflow.accounts import Security

REFERENCE = "PA-2026-004211"
FAST = Security(hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
ADMIN_PASSWORD = "correct-staple-Violet-9"


@pytest.fixture(autouse=True)
def _fast_passwords(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workflow_cmds, "SECURITY", FAST)


def _add_admin(store: Store) -> None:
    accounts.create_first_admin(
        store, username="admin", full_name="Ada Admin", password=ADMIN_PASSWORD,
        organization="Blue Valley Health Plan", security=FAST,
    )


@pytest.fixture(scope="module")
def signed(denial: LetterData, physician_credential: ReviewerCredential) -> SignedLetter:
    return sign_letter(denial, physician_credential, PHYSICIAN_PASSWORD)


@pytest.fixture
def decided_db(tmp_path: Path, denial: LetterData, signed: SignedLetter) -> Path:
    """A database with the example request denied and its signed letter stored."""
    db = tmp_path / "cases.sqlite3"
    with open_store(db) as store:
        _add_admin(store)
        result = store.import_case(json.dumps(EXAMPLE_CASE, ensure_ascii=False))
        physician = store.users.create("drnguyen", "Mai Nguyễn", Role.PHYSICIAN, credentials="MD")
        determination = store.determinations.add(
            NewDetermination(
                request_id=result.request_id,
                review_id=result.review_id,
                evaluation=denial.evaluation,
                decision=DecisionCode.DENIED,
                decider_id=physician.id,
                decider_role="physician",
                rationale="Criterion II not met; neutrophils below 1,500.",
            )
        )
        store.determinations.add_letter(
            determination.id, signed.pdf, signer_id=physician.id, signed_at=signed.signed_at
        )
    return db


def run(*args: str) -> tuple[int, str]:
    """`letter` signs in as the administrator (password typed at the prompt)."""
    if "letter" in args:
        result = CliRunner().invoke(
            cli, [*args, "--user", "admin"], input=ADMIN_PASSWORD + "\n"
        )
    else:
        result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_letter_writes_the_stored_signed_bytes(
    decided_db: Path, signed: SignedLetter, tmp_path: Path
) -> None:
    out = tmp_path / "letter.pdf"
    code, output = run("--db", str(decided_db), "letter", REFERENCE, "--out", str(out))
    assert code == 0, output
    assert out.read_bytes() == signed.pdf
    assert stat.S_IMODE(out.stat().st_mode) == 0o600  # PHI: owner only
    assert signed.sha256 in output
    with open_store(decided_db) as store:
        admin = store.users.by_username("admin")
        assert admin is not None
        assert any(
            e.action == "exported" and e.object_type == "letter" and e.actor_id == admin.id
            for e in store.audit.entries()
        )
    # Without the right password nothing is written.
    other = tmp_path / "other.pdf"
    result = CliRunner().invoke(
        cli,
        ["--db", str(decided_db), "letter", REFERENCE, "--out", str(other), "--user", "admin"],
        input="wrong-password\n",
    )
    assert result.exit_code == 1 and not other.exists()


def test_letter_refuses_bad_input(decided_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    code, output = run("--db", str(decided_db), "letter", "PA-NOPE", "--out", str(out))
    assert code == 2 and 'no request with reference "PA-NOPE"' in output
    out.write_bytes(b"keep me")
    code, output = run("--db", str(decided_db), "letter", REFERENCE, "--out", str(out))
    assert code == 2 and "exists (add --force" in output and out.read_bytes() == b"keep me"
    code, output = run(
        "--db",
        str(tmp_path / "none.sqlite3"),
        "letter",
        REFERENCE,
        "--out",
        str(tmp_path / "y.pdf"),
    )
    assert code == 2 and "no case database" in output
    assert not (tmp_path / "none.sqlite3").exists()


def test_letter_of_an_undecided_case_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "cases.sqlite3"
    with open_store(db) as store:
        _add_admin(store)
        store.import_case(json.dumps(EXAMPLE_CASE, ensure_ascii=False))
    code, output = run("--db", str(db), "letter", REFERENCE, "--out", str(tmp_path / "l.pdf"))
    assert code == 2 and "not decided yet" in output


def test_verify_with_trust_and_record(
    decided_db: Path, signed: SignedLetter, ca: OrganizationCA, tmp_path: Path
) -> None:
    pdf, root = tmp_path / "letter.pdf", tmp_path / "ca.pem"
    pdf.write_bytes(signed.pdf)
    root.write_text(ca.cert_pem)
    code, output = run("--db", str(decided_db), "verify", str(pdf), "--trust", str(root))
    assert code == 0, output
    assert "Signer:            Mai Nguyễn" in output
    assert "Intact:            yes" in output
    assert "Trusted signer:    yes" in output
    assert "Matches record:    yes" in output
    assert "Result:            VALID" in output
    assert f"request {REFERENCE}" in output


def test_verify_never_trusts_a_root_kept_in_the_database(
    decided_db: Path, signed: SignedLetter, ca: OrganizationCA, tmp_path: Path
) -> None:
    """Issue 12: a root in the database is not trusted; the pinned trust file is."""
    from ixreview.workflow.trust import pin_root

    with open_store(decided_db) as store:
        store.settings.set(TRUST_SETTING, [ca.cert_pem])
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(signed.pdf)
    code, output = run("--db", str(decided_db), "verify", str(pdf))
    assert code == 1 and "Trusted signer:    NO" in output, output
    with open_store(decided_db) as store:
        pin_root(store, ca.cert_pem, actor=None)
    code, output = run("--db", str(decided_db), "verify", str(pdf))
    assert code == 0, output


def test_verify_fails_for_a_changed_letter(
    decided_db: Path, signed: SignedLetter, ca: OrganizationCA, tmp_path: Path
) -> None:
    data = bytearray(signed.pdf)
    data[len(data) // 2] ^= 0x01
    pdf, root = tmp_path / "letter.pdf", tmp_path / "ca.pem"
    pdf.write_bytes(bytes(data))
    root.write_text(ca.cert_pem)
    code, output = run("--db", str(decided_db), "verify", str(pdf), "--trust", str(root), "--json")
    assert code == 1
    report = json.loads(output)
    assert report["ok"] is False and report["reasons"]


def test_verify_without_record_is_not_ok(
    signed: SignedLetter, ca: OrganizationCA, tmp_path: Path
) -> None:
    pdf, root = tmp_path / "letter.pdf", tmp_path / "ca.pem"
    pdf.write_bytes(signed.pdf)
    root.write_text(ca.cert_pem)
    code, output = run(
        "--db", str(tmp_path / "none.sqlite3"), "verify", str(pdf), "--trust", str(root)
    )
    assert code == 1
    assert "Matches record:    not checked" in output and "no case database" in output
    code, output = run(
        "--db",
        str(tmp_path / "none.sqlite3"),
        "verify",
        str(pdf),
        "--trust",
        str(root),
        "--sha256",
        signed.sha256,
    )
    assert code == 0, output


def test_verify_bad_input_exits_2(signed: SignedLetter, tmp_path: Path) -> None:
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(signed.pdf)
    bad_root = tmp_path / "bad.pem"
    bad_root.write_text("-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n")
    code, output = run("verify", str(pdf), "--trust", str(bad_root))
    assert code == 2 and "--trust: trust root 1: not a certificate" in output
    code, output = run("verify", str(tmp_path / "missing.pdf"))
    assert code == 2 and "LETTER: cannot read" in output
    code, output = run("verify", str(pdf), "--sha256", "xyz")
    assert code == 2 and "--sha256: must be 64 hexadecimal digits" in output


def test_stored_signing_time_round_trips(decided_db: Path, signed: SignedLetter) -> None:
    with open_store(decided_db) as store:
        request = store.requests.by_reference(REFERENCE)
        current = store.determinations.current(request.id)
        assert current is not None
        (letter,) = store.determinations.letters(current.id)
    stored = datetime.fromisoformat(letter.signed_at)
    assert stored.astimezone(UTC) == signed.signed_at.astimezone(UTC)
