"""`ixreview settings`: only an administrator, with the right password, changes settings."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner, Result
from workflow_helpers import FAST, PASSWORDS

from ixreview.cli import cli, workflow_cmds
from ixreview.store import open_store


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workflow_cmds, "SECURITY", FAST)


@pytest.fixture
def db(template_db, tmp_path):
    path = tmp_path / "ixreview.sqlite3"
    shutil.copy(template_db, path)
    return path


def run(db, *args: str, password: str | None = None) -> Result:
    stdin = None if password is None else password + "\n"
    return CliRunner().invoke(cli, ["--db", str(db), "settings", *args], input=stdin)


LETTERHEAD = [
    "letterhead",
    "--name",
    "Río Verde Health",
    "--address",
    "PO Box 12",
    "--address",
    "Nashville, TN 37201",
    "--phone",
    "1-800-555-0111",
]


def test_admin_sets_letterhead_policy_and_months_and_each_is_audited(db):
    assert run(db, *LETTERHEAD, "--as", "admin", password=PASSWORDS["admin"]).exit_code == 0
    assert (
        run(db, "policy", "BCBST-IXEMPRA", "--as", "admin", password=PASSWORDS["admin"]).exit_code
        == 0
    )
    assert run(db, "months", "9", "--as", "admin", password=PASSWORDS["admin"]).exit_code == 0
    shown = json.loads(run(db, "show").output)
    assert shown["letters.letterhead"]["name"] == "Río Verde Health"
    assert shown["letters.letterhead"]["address_lines"] == ["PO Box 12", "Nashville, TN 37201"]
    assert shown["policy.default"] == "BCBST-IXEMPRA"
    assert shown["authorization.default_months"] == 9
    with open_store(db) as store:
        changed = [e for e in store.audit.entries() if e.action == "changed"]
        assert len(changed) >= 3
        assert store.verify_audit_chain().ok


def test_a_nurse_cannot_change_settings(db):
    result = run(db, "months", "9", "--as", "nina", password=PASSWORDS["nina"])
    assert result.exit_code == 1
    assert "not an administrator" in result.output
    assert json.loads(run(db, "show").output)["authorization.default_months"] is None


def test_a_wrong_password_changes_nothing(db):
    before = json.loads(run(db, "show").output)
    result = run(db, *LETTERHEAD, "--as", "admin", password="not-the-password-123")
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert json.loads(run(db, "show").output) == before


def test_a_policy_version_or_unknown_id_is_refused_with_the_known_ids(db):
    for bad in ("ING-CC-0090@2022-02-25", "NOPE"):
        result = run(db, "policy", bad, "--as", "admin", password=PASSWORDS["admin"])
        assert result.exit_code == 2
        assert "BCBST-IXEMPRA, ING-CC-0090" in result.output


def test_without_as_the_change_is_refused_before_any_prompt(db):
    result = run(db, "months", "3")
    assert result.exit_code == 2
    assert "--as ADMIN" in result.output


def test_deciding_before_the_letterhead_is_set_says_what_to_do_in_words(db):
    from ixreview.workflow.letterdata import LETTERHEAD_SETTING, LetterheadMissing, letterhead

    with open_store(db) as store:
        store.conn.execute("DROP TRIGGER IF EXISTS settings_no_delete")
        store.conn.execute("DELETE FROM settings WHERE key = ?", (LETTERHEAD_SETTING,))
        with pytest.raises(LetterheadMissing) as info:
            letterhead(store)
    message = str(info.value)
    assert "letters.letterhead" not in message
    assert "Tools > Settings" in message and "ixreview settings letterhead" in message
    assert info.value.field == LETTERHEAD_SETTING


def test_each_plan_reviews_under_its_own_policy_at_import(db):
    from workflow_helpers import case_data

    admin = PASSWORDS["admin"]
    assert run(db, "policy", "ING-CC-0090", "--as", "admin", password=admin).exit_code == 0
    result = run(
        db, "plan-policy", "BlueCross PPO", "BCBST-IXEMPRA", "--as", "admin", password=admin
    )
    assert result.exit_code == 0, result.output
    shown = json.loads(run(db, "show").output)
    assert shown["policy.by_plan"] == {"BlueCross PPO": "BCBST-IXEMPRA"}
    with open_store(db) as store:
        bcbst = store.import_case(
            json.dumps(case_data(**{"reference": "PA-1", "member.plan": " bluecross ppo "}))
        )
        other = store.import_case(
            json.dumps(case_data(**{"reference": "PA-2", "member.plan": "Commercial HMO"}))
        )
        assert store.requests.by_reference("PA-1").policy == "BCBST-IXEMPRA@current"
        assert store.requests.by_reference("PA-2").policy == "ING-CC-0090@2022-02-25"
        assert bcbst.reference == "PA-1" and other.reference == "PA-2"
    removed = run(db, "plan-policy", "BLUECROSS PPO", "--remove", "--as", "admin", password=admin)
    assert removed.exit_code == 0
    assert json.loads(run(db, "show").output)["policy.by_plan"] == {}


def test_plan_policy_refuses_a_version_or_a_missing_policy(db):
    admin = PASSWORDS["admin"]
    for args in (["P", "ING-CC-0090@2022-02-25"], ["P"], ["P", "ING-CC-0090", "--remove"]):
        result = run(db, "plan-policy", *args, "--as", "admin", password=admin)
        assert result.exit_code == 2, (args, result.output)


def test_admin_sets_the_lab_age_limit_and_bad_values_name_the_range(db):
    ok = run(db, "lab-age", "45", "--as", "admin", password=PASSWORDS["admin"])
    assert ok.exit_code == 0 and "at most 45 days" in ok.output
    assert json.loads(run(db, "show").output)["labs.max_age_days"] == 45
    bad = run(db, "lab-age", "400", "--as", "admin", password=PASSWORDS["admin"])
    assert bad.exit_code == 2 and "7<=x<=90" in bad.output and "Traceback" not in bad.output
    nurse = run(db, "lab-age", "20", "--as", "nina", password=PASSWORDS["nina"])
    assert nurse.exit_code == 1 and "administrator" in nurse.output
    assert json.loads(run(db, "show").output)["labs.max_age_days"] == 45
