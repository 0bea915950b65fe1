"""The same rules through `ixreview user` and `ixreview decide` (CliRunner, in process)."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from click.testing import CliRunner, Result
from workflow_helpers import FAST, PASSWORDS, REFERENCE, case_data

from ixreview.cli import cli, workflow_cmds
from ixreview.store import open_store
from ixreview.store.decisions import DeterminationRepository
from ixreview.workflow import accounts, operations
from ixreview.workflow.errors import WorkflowError


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workflow_cmds, "SECURITY", FAST)


@pytest.fixture
def db(template_db, tmp_path):
    path = tmp_path / "ixreview.sqlite3"
    shutil.copy(template_db, path)
    with open_store(path) as store:
        store.import_case(json.dumps(case_data()), policy="ING-CC-0090")
    return path


def run(db, *args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], input=input)


def decide(db, user: str, *args: str, password: str | None = None) -> Result:
    pw = PASSWORDS[user] if password is None else password
    return run(db, "decide", REFERENCE, "--user", user, *args, input=pw + "\n")


def state_and_decisions(db) -> tuple[str, list[str]]:
    with open_store(db) as store:
        request = store.requests.by_reference(REFERENCE)
        state = store.reviews.for_request(request.id).state.value
        return state, [d.decision.value for d in store.determinations.for_request(request.id)]


def set_anc(db, value: int) -> None:
    with open_store(db) as store:
        nina = accounts.sign_in(store, "nina", PASSWORDS["nina"], security=FAST)
        operations.save_answer(store, nina, REFERENCE, "labs.anc_per_mm3", value,
                               expected_revision=1)


def test_nurse_approves_a_case_that_meets_criteria(db) -> None:
    result = decide(db, "nina", "--approve")
    assert result.exit_code == 0, result.output
    assert f"{REFERENCE}: approved (A1) by nina. Authorization IXA-" in result.output
    assert PASSWORDS["nina"] not in result.output  # the prompt does not echo
    assert state_and_decisions(db) == ("decided", ["A1"])


def test_nurse_cannot_approve_or_deny_a_case_that_does_not_meet(db) -> None:
    set_anc(db, 1000)
    result = decide(db, "nina", "--approve", "--reason", "fine")
    assert result.exit_code == 1
    assert "Error: a nurse reviewer may approve only when the case meets criteria" in (
        result.output
    )
    assert "Traceback" not in result.output
    result = decide(db, "nina", "--deny")
    assert result.exit_code == 1 and "a nurse reviewer may not deny" in result.output
    assert state_and_decisions(db) == ("draft", [])
    # she refers; the physician denies with an edited reason
    assert decide(db, "nina", "--refer", "--reason", "ANC 1,000").exit_code == 0
    result = decide(db, "drpat", "--deny", "--clause-reason",
                    "NA.I=Your neutrophil count was 1,000; the limit is 1,500.")
    assert result.exit_code == 0, result.output
    assert "denied (A3) by drpat" in result.output
    assert state_and_decisions(db) == ("decided", ["A3"])


def test_wrong_password_signs_nothing(db) -> None:
    result = decide(db, "nina", "--approve", password="not-my-password")
    assert result.exit_code == 1 and "wrong user name or password" in result.output
    assert state_and_decisions(db) == ("draft", [])


def test_locked_and_deactivated_users_can_do_nothing(db, tmp_path, monkeypatch) -> None:
    # Deactivating publishes a revocation list beside the pinned root: on a copy of this
    # session's config directory, so drpat's certificate stays valid for other tests.
    config = tmp_path / "config"
    shutil.copytree(os.environ["IXREVIEW_CONFIG_DIR"], config)
    monkeypatch.setenv("IXREVIEW_CONFIG_DIR", str(config))
    for _ in range(5):
        decide(db, "nina", "--approve", password="not-my-password")
    result = decide(db, "nina", "--approve")
    assert result.exit_code == 1 and "locked" in result.output
    result = run(db, "user", "deactivate", "drpat", "--as", "admin",
                 input=PASSWORDS["admin"] + "\n")
    assert result.exit_code == 0, result.output
    assert "Its certificate is revoked" in result.output
    result = decide(db, "drpat", "--approve")
    assert result.exit_code == 1 and "deactivated" in result.output
    assert state_and_decisions(db) == ("draft", [])


def test_half_failed_decision_leaves_no_trace(db, monkeypatch) -> None:
    def fail(*args, **kw):
        raise WorkflowError("the letter could not be stored (injected)")

    monkeypatch.setattr(DeterminationRepository, "add_letter", fail)
    result = decide(db, "nina", "--approve")
    assert result.exit_code == 1 and "injected" in result.output
    assert state_and_decisions(db) == ("draft", [])
    with open_store(db) as store:
        assert store.verify_audit_chain().ok


def test_password_from_a_file_descriptor(db) -> None:
    read, write = os.pipe()
    os.write(write, (PASSWORDS["nina"] + "\n").encode())
    os.close(write)
    try:
        result = run(db, "decide", REFERENCE, "--user", "nina", "--refer", "--reason", "check",
                     "--password-fd", str(read))
    finally:
        os.close(read)
    assert result.exit_code == 0, result.output
    assert state_and_decisions(db) == ("referred", [])


def test_the_password_is_never_an_argument() -> None:
    result = CliRunner().invoke(cli, ["decide", "X", "--user", "u", "--approve", "--password",
                                      "secret"])
    assert result.exit_code == 2 and "No such option '--password'" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--approve", "--deny"], "choose exactly one"),
        ([], "choose exactly one"),
        (["--approve", "--clause-reason", "I=x"], "only for --deny"),
        (["--cancel", "--reason-code", "whim"], "--reason-code"),
        (["--approve", "--reason-code", "duplicate"], "only for --cancel"),
        (["--approve", "--policy", "BCBST-IXEMPRA"], "No such option '--policy'"),
    ],
)
def test_bad_input_exits_2(db, args: list[str], message: str) -> None:
    result = decide(db, "nina", *args)
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output


def test_unknown_reference_exits_2(db) -> None:
    result = run(db, "decide", "PA-NOPE", "--user", "nina", "--approve",
                 input=PASSWORDS["nina"] + "\n")
    assert result.exit_code == 2 and "PA-NOPE" in result.output


def test_pend_and_resume(db) -> None:
    result = decide(db, "nina", "--pend", "--reason", "HER2 report: to confirm HER2 status")
    assert result.exit_code == 0, result.output
    assert "pended for information (A4)" in result.output
    assert decide(db, "nina", "--resume", "--reason", "report received").exit_code == 0
    assert state_and_decisions(db) == ("draft", ["A4"])


def test_user_add_list_and_first_admin(tmp_path) -> None:
    db = tmp_path / "new.sqlite3"
    result = run(db, "user", "add", "nina", "--full-name", "Nina Nurse", "--role",
                 "nurse_reviewer", "--credentials", "RN", input="x\nx\n")
    assert result.exit_code == 2 and "first account must be an administrator" in result.output
    pw = PASSWORDS["admin"]
    result = run(db, "user", "add", "admin", "--full-name", "Ada Admin", "--role",
                 "administrator", "--organization", "Blue Valley", input=f"{pw}\n{pw}\n")
    assert result.exit_code == 0, result.output
    assert "Created the first administrator" in result.output
    npw = PASSWORDS["drpat"]
    result = run(db, "user", "add", "drpat", "--full-name", "Pat Physician", "--role",
                 "physician_reviewer", "--credentials", "MD", "--as", "admin",
                 input=f"{pw}\n{npw}\n{npw}\n")
    assert result.exit_code == 2 and "npi" in result.output
    result = run(db, "user", "add", "drpat", "--full-name", "Pat Physician", "--role",
                 "physician_reviewer", "--credentials", "MD", "--npi", "1234567893",
                 "--p2p-phone", "865-555-0100", "--as", "admin", input=f"{pw}\n{npw}\n{npw}\n")
    assert result.exit_code == 0, result.output
    assert 'Added physician reviewer "drpat" (Pat Physician, MD) with a signing' in result.output
    result = run(db, "user", "list", "--as", "admin", "--json", input=f"{pw}\n")
    assert result.exit_code == 0, result.output
    assert '"username": "drpat"' in result.output and '"can_sign": true' in result.output
    result = run(db, "user", "list", "--as", "drpat", input=f"{npw}\n")
    assert result.exit_code == 1 and "only an administrator" in result.output
