"""The store commands, driven through click's CliRunner."""

from __future__ import annotations

import csv
import json
import sqlite3
import stat
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from click.testing import CliRunner
from store_helpers import approval, case_text

from ixreview.cli import cli, workflow_cmds
from ixreview.store import Role, open_store
from ixreview.workflow import accounts
from ixreview.workflow.accounts import Security

FAST = Security(hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
PASSWORDS = {"admin": "correct-staple-Violet-9", "nina": "lantern-orbit-Quartz-7"}
# Commands that read or write PHI: they sign in (--user and the password).
SIGNED = {"import", "history", "show", "export", "backup", "restore"}


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(workflow_cmds, "SECURITY", FAST)
    path = tmp_path / "cli.sqlite3"
    with open_store(path) as store:
        accounts.create_first_admin(
            store, username="admin", full_name="Ada Admin", password=PASSWORDS["admin"],
            organization="Blue Valley Health Plan", security=FAST,
        )
        admin = accounts.sign_in(store, "admin", PASSWORDS["admin"], security=FAST)
        accounts.add_user(
            store, admin, username="nina", full_name="Nina Nurse", role="nurse_reviewer",
            credentials="RN", password=PASSWORDS["nina"], admin_password=PASSWORDS["admin"],
            security=FAST,
        )
    return path


def run(db: Path, *args: str, user: str | None = None) -> tuple[int, str, str]:
    """Run a command; PHI commands sign in as `user` (default: admin for backup and
    restore, else the nurse), the password typed at the prompt."""
    extra: list[str] = []
    typed = None
    if args and args[0] in SIGNED:
        who = user or ("admin" if args[0] in ("backup", "restore") else "nina")
        extra = ["--user", who]
        typed = PASSWORDS.get(who, "not-the-password") + "\n"
    result = CliRunner().invoke(cli, ["--db", str(db), *args, *extra], input=typed)
    return result.exit_code, result.stdout, result.stderr


def write_case(tmp_path: Path, name: str = "case.json", **changes: object) -> Path:
    path = tmp_path / name
    path.write_text(case_text(**changes), encoding="utf-8")
    return path


def test_import_then_duplicate_then_warning(db: Path, tmp_path: Path) -> None:
    code, out, _ = run(db, "import", str(write_case(tmp_path)), "--policy", "ING-CC-0090")
    assert code == 0 and "imported PA-2026-004211" in out
    assert "policy ING-CC-0090@2022-02-25" in out
    code, _, err = run(db, "import", str(write_case(tmp_path)))
    assert code == 2 and "already on record" in err
    code, _, err = run(db, "import", str(write_case(tmp_path, "b.json", reference="PA-2")))
    assert code == 0 and "warning: duplicate request?" in err


def test_invalid_case_names_field_paths_and_exits_2(db: Path, tmp_path: Path) -> None:
    bad = write_case(tmp_path, urgency="soonish", **{"labs.anc_per_mm3": -5})
    code, _, err = run(db, "import", str(bad))
    assert code == 2
    assert "case.json: urgency:" in err and "labs.anc_per_mm3" in err
    assert "Traceback" not in err
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    code, _, err = run(db, "import", str(broken))
    assert code == 2 and "malformed JSON" in err


def _decided(db: Path, tmp_path: Path) -> None:
    run(db, "import", str(write_case(tmp_path)))
    run(db, "import", str(write_case(tmp_path, "2.json", reference="PA-9", **{"member.id": "Z"})))
    with open_store(db) as store:
        nurse = store.users.create("nurse1", "Nora", Role.NURSE)
        rid = store.requests.by_reference("PA-2026-004211").id
        store.determinations.add(approval(store, rid, nurse.id))


def test_history_text_and_json(db: Path, tmp_path: Path) -> None:
    _decided(db, tmp_path)
    code, out, _ = run(db, "history", "ibanez")
    assert code == 0 and "PA-2026-004211" in out and "approved" in out and "nurse1" in out
    code, out, _ = run(db, "history", "--decision", "approved", "--reviewer", "nurse1", "--json")
    payload = json.loads(out)
    assert [r["reference"] for r in payload["rows"]] == ["PA-2026-004211"]
    assert payload["rows"][0]["decision"] == "approved" and payload["more"] is False
    code, out, _ = run(db, "history", "--from", "2026-11-20")
    assert code == 0 and "no matching requests" in out
    code, out, _ = run(db, "history", "--per-page", "1", "--page", "2", "--json")
    assert len(json.loads(out)["rows"]) == 1
    code, _, err = run(db, "history", "--reviewer", "nobody")
    assert code == 2 and "no user named" in err
    code, _, err = run(db, "history", "--from", "22/11/2026")
    assert code == 2 and "--from" in err
    code, out, _ = run(db, "history", "'; DROP TABLE requests;--")
    assert code == 0 and "no matching requests" in out


def test_show_prints_the_record_and_is_audited(db: Path, tmp_path: Path) -> None:
    _decided(db, tmp_path)
    code, out, _ = run(db, "show", "PA-2026-004211")
    assert code == 0 and "Dolores Ibáñez" in out and "approved (A1)" in out and "AUTH-1" in out
    assert "engine outcome meets_criteria" in out
    code, out, _ = run(db, "show", "PA-2026-004211", "--json")
    assert json.loads(out)["intake"]["member"]["id"] == "BCT884120301"
    code, _, err = run(db, "show", "PA-NOPE")
    assert code == 2 and "PA-NOPE" in err
    with open_store(db) as store:
        nina = store.users.by_username("nina")
        assert nina is not None
        viewed = [e for e in store.audit.entries() if e.action == "viewed"]
        assert [e.object_type for e in viewed] == ["request", "request"]
        assert {e.actor_id for e in viewed} == {nina.id}


def test_export_writes_an_owner_only_csv_and_is_audited(db: Path, tmp_path: Path) -> None:
    _decided(db, tmp_path)
    target = tmp_path / "out.csv"
    code, out, _ = run(db, "export", "--csv", str(target), "--decision", "approved")
    assert code == 0 and "exported 1 rows" in out
    with target.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["reference"], r["decision"]) for r in rows] == [("PA-2026-004211", "approved")]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with open_store(db) as store:
        entry = store.audit.entries()[-1]
        assert entry.action == "exported"
        assert entry.details["rows"] == 1 and entry.details["filters"] == ["decision"]
        nina = store.users.by_username("nina")
        assert nina is not None and entry.actor_id == nina.id


def test_backup_restore_and_audit_verify(db: Path, tmp_path: Path) -> None:
    _decided(db, tmp_path)
    copy = tmp_path / "backup.sqlite3"
    code, _, err = run(db, "backup", str(copy), user="nina")
    assert code == 1 and "only an administrator" in err and not copy.exists()
    code, out, _ = run(db, "backup", str(copy))
    assert code == 0 and copy.exists()
    code, _, err = run(db, "restore", "--yes", str(copy), user="nina")
    assert code == 1 and "only an administrator" in err
    code, out, _ = run(db, "restore", "--yes", str(copy))
    assert code == 0 and "restored" in out
    code, out, _ = run(db, "audit", "verify")
    assert code == 0 and "audit log intact" in out

    conn = sqlite3.connect(db)
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute("DELETE FROM audit_log WHERE seq = 3")
    conn.commit()
    conn.close()
    code, _, err = run(db, "audit", "verify")
    assert code == 1 and "entry 3" in err and "removed" in err


@pytest.mark.parametrize(
    "args",
    [
        ["show", "PA-2026-004211"],
        ["history", "ibanez"],
        ["import", "CASE"],
        ["export", "--csv", "OUT"],
        ["backup", "OUT"],
        ["restore", "--yes", "BACKUP"],
    ],
)
def test_phi_commands_need_a_user_and_the_right_password(
    db: Path, tmp_path: Path, args: list[str]
) -> None:
    case = write_case(tmp_path)
    backup = tmp_path / "b.sqlite3"
    backup.write_bytes(b"")
    real = [
        str(case) if a == "CASE" else str(tmp_path / "o") if a == "OUT" else
        str(backup) if a == "BACKUP" else a
        for a in args
    ]
    result = CliRunner().invoke(cli, ["--db", str(db), *real])
    assert result.exit_code == 2 and "Missing option '--user'" in result.stderr
    code, _, err = run(db, *real, user="mallory")
    assert code == 1 and "Traceback" not in err
    with open_store(db) as store:
        assert store.requests.member_requests("BCT884120301") == []


def test_a_deactivated_user_can_read_nothing(db: Path, tmp_path: Path) -> None:
    _decided(db, tmp_path)
    with open_store(db) as store:
        admin = accounts.sign_in(store, "admin", PASSWORDS["admin"], security=FAST)
        accounts.deactivate_user(store, admin, "nina")
    code, out, err = run(db, "show", "PA-2026-004211")
    assert code == 1 and "Dolores" not in out and "deactivated" in err


def test_import_refuses_a_draft_policy_with_exit_2(db: Path, tmp_path: Path) -> None:
    code, _, err = run(db, "import", str(write_case(tmp_path)), "--policy", "BCBST-IXEMPRA@draft")
    assert code == 2 and "draft policy version" in err
