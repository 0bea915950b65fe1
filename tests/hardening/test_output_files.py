"""Issue 10 §4: files the CLI writes (history CSV, letter PDF) hold PHI.

An existing path is refused unless --force; a symbolic link at the path is never
followed, with or without --force (the link is replaced, its target untouched);
the file is created owner-only.
"""

from __future__ import annotations

import json
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hardening_helpers import FAST, PASSWORDS, REFERENCE, case_data, copy_db

from ixreview.cli import cli, workflow_cmds
from ixreview.domain.engine import evaluate
from ixreview.domain.intake import parse_case_json
from ixreview.store import DecisionCode, NewDetermination, open_store

PDF = b"%PDF-1.7 the stored letter\n"


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workflow_cmds, "SECURITY", FAST)


@pytest.fixture
def db(template_db: Path, tmp_path: Path) -> Path:
    """The example request, denied, with a stored letter."""
    path = copy_db(template_db, tmp_path)
    raw = json.dumps(case_data())
    with open_store(path) as store:
        result = store.import_case(raw, policy="ING-CC-0090")
        drpat = store.users.by_username("drpat")
        assert drpat is not None
        determination = store.determinations.add(
            NewDetermination(
                request_id=result.request_id,
                review_id=result.review_id,
                evaluation=evaluate(parse_case_json(raw), "ING-CC-0090"),
                decision=DecisionCode.DENIED,
                decider_id=drpat.id,
                decider_role="physician",
                rationale="Criterion II not met.",
            )
        )
        store.determinations.add_letter(
            determination.id, PDF, signer_id=drpat.id, signed_at=datetime.now(UTC)
        )
    return path


def _export(db: Path, out: Path, *extra: str) -> Result:
    return CliRunner().invoke(
        cli,
        ["--db", str(db), "export", "--csv", str(out), *extra, "--user", "nina"],
        input=PASSWORDS["nina"] + "\n",
    )


def _letter(db: Path, out: Path, *extra: str) -> Result:
    return CliRunner().invoke(
        cli,
        ["--db", str(db), "letter", REFERENCE, "--out", str(out), *extra, "--user", "nina"],
        input=PASSWORDS["nina"] + "\n",
    )


WRITERS = {"export": _export, "letter": _letter}


def _owner_only(path: Path) -> bool:
    info = path.lstat()
    return stat.S_ISREG(info.st_mode) and stat.S_IMODE(info.st_mode) == 0o600


@pytest.mark.parametrize("command", WRITERS)
def test_a_new_path_is_written_owner_only(db: Path, tmp_path: Path, command: str) -> None:
    out = tmp_path / "out.file"
    result = WRITERS[command](db, out)
    assert result.exit_code == 0, result.output
    assert _owner_only(out)


@pytest.mark.parametrize("command", WRITERS)
def test_an_existing_file_is_refused_without_force(db: Path, tmp_path: Path, command: str) -> None:
    out = tmp_path / "out.file"
    out.write_bytes(b"keep me")
    result = WRITERS[command](db, out)
    assert result.exit_code == 2, result.output
    assert "exists (add --force" in result.output
    assert out.read_bytes() == b"keep me"
    result = WRITERS[command](db, out, "--force")
    assert result.exit_code == 0, result.output
    assert out.read_bytes() != b"keep me" and _owner_only(out)


@pytest.mark.parametrize("command", WRITERS)
def test_a_symlink_is_never_followed(db: Path, tmp_path: Path, command: str) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"somebody else's file")
    victim.chmod(0o644)
    out = tmp_path / "out.file"
    out.symlink_to(victim)
    result = WRITERS[command](db, out)
    assert result.exit_code == 2, result.output
    assert "symbolic link" in result.output and "Traceback" not in result.output
    assert victim.read_bytes() == b"somebody else's file"
    # --force replaces the link itself with a new owner-only file; the target is untouched.
    result = WRITERS[command](db, out, "--force")
    assert result.exit_code == 0, result.output
    assert victim.read_bytes() == b"somebody else's file"
    assert stat.S_IMODE(victim.stat().st_mode) == 0o644
    assert _owner_only(out)


@pytest.mark.parametrize("command", WRITERS)
def test_a_dangling_symlink_is_never_followed(db: Path, tmp_path: Path, command: str) -> None:
    target = tmp_path / "created-through-the-link"
    out = tmp_path / "out.file"
    out.symlink_to(target)
    result = WRITERS[command](db, out)
    assert result.exit_code == 2, result.output
    assert not target.exists()


def test_the_letter_written_is_the_stored_bytes(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "letter.pdf"
    assert _letter(db, out).exit_code == 0
    assert out.read_bytes() == PDF


def test_a_backup_never_writes_through_a_planted_symlink(db: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"somebody else's file")
    target = tmp_path / "backup.sqlite3"
    (tmp_path / "backup.sqlite3.partial").symlink_to(victim)
    result = CliRunner().invoke(
        cli,
        ["--db", str(db), "backup", str(target), "--user", "admin"],
        input=PASSWORDS["admin"] + "\n",
    )
    assert result.exit_code == 0, result.output
    assert victim.read_bytes() == b"somebody else's file"
    assert _owner_only(target)
    # An existing backup file (or a symlink standing there) is refused.
    link = tmp_path / "second.sqlite3"
    link.symlink_to(victim)
    result = CliRunner().invoke(
        cli,
        ["--db", str(db), "backup", str(link), "--user", "admin"],
        input=PASSWORDS["admin"] + "\n",
    )
    assert result.exit_code != 0
    assert victim.read_bytes() == b"somebody else's file"
