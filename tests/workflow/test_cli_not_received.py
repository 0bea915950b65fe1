"""`ixreview decide --info-not-received` and the denial that may follow, through the CLI."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner, Result
from workflow_helpers import DELETE, FAST, PASSWORDS, REFERENCE, case_data

from ixreview.cli import cli, workflow_cmds
from ixreview.store import open_store
from ixreview.workflow import accounts, operations
from ixreview.workflow.prefill import information_items


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workflow_cmds, "SECURITY", FAST)


@pytest.fixture
def db(template_db, tmp_path):
    path = tmp_path / "ixreview.sqlite3"
    shutil.copy(template_db, path)
    with open_store(path) as store:
        store.import_case(json.dumps(case_data(**{"labs.anc_per_mm3": DELETE})),
                          policy="ING-CC-0090")
    return path


def pend_days_ago(db, days: int) -> None:
    """Pend through the workflow layer with the store clock `days` in the past."""
    with open_store(db, clock=lambda: datetime.now(UTC) - timedelta(days=days)) as store:
        nina = accounts.sign_in(store, "nina", PASSWORDS["nina"], security=FAST)
        items = information_items(operations.evaluate_review(store, nina, REFERENCE))
        operations.pend(store, nina, REFERENCE, PASSWORDS["nina"], missing=items, security=FAST)


def decide(db, user: str, *args: str) -> Result:
    return CliRunner().invoke(
        cli, ["--db", str(db), "decide", REFERENCE, "--user", user, *args],
        input=PASSWORDS[user] + "\n",
    )


def state_and_decisions(db) -> tuple[str, list[str]]:
    with open_store(db) as store:
        request = store.requests.by_reference(REFERENCE)
        state = store.reviews.for_request(request.id).state.value
        return state, [d.decision.value for d in store.determinations.for_request(request.id)]


def test_not_received_is_refused_before_the_respond_by_date(db) -> None:
    assert decide(db, "nina", "--pend").exit_code == 0
    result = decide(db, "nina", "--info-not-received")
    assert result.exit_code == 1 and "wait until that date has passed" in result.output
    result = decide(db, "drpat", "--deny", "--reason", "no reply")
    assert result.exit_code == 1 and "pended for information" in result.output
    assert state_and_decisions(db) == ("pended", ["A4"])


def test_overdue_information_is_referred_then_denied_by_the_physician(db) -> None:
    pend_days_ago(db, 60)
    result = decide(db, "nina", "--info-not-received", "--reason", "Called twice")
    assert result.exit_code == 0, result.output
    assert (f"{REFERENCE}: information not received; referred to a physician reviewer by nina."
            in result.output)
    assert state_and_decisions(db) == ("referred", ["A4"])
    assert decide(db, "nina", "--deny").exit_code == 1  # nurses never deny
    result = decide(db, "drpat", "--deny")
    assert result.exit_code == 0, result.output
    assert f"{REFERENCE}: denied (A3) by drpat. Letter signed" in result.output
    assert state_and_decisions(db) == ("decided", ["A4", "A3"])


def test_clause_reasons_can_replace_the_prefilled_ones(db) -> None:
    pend_days_ago(db, 60)
    assert decide(db, "nina", "--info-not-received").exit_code == 0
    result = decide(db, "drpat", "--deny", "--clause-reason", "II=made up")
    assert result.exit_code == 2 and "not a criterion this denial relies on" in result.output
    with open_store(db) as store:
        pat = accounts.sign_in(store, "drpat", PASSWORDS["drpat"], security=FAST)
        (clause,) = operations.denial_prefill(store, pat, REFERENCE)
    result = decide(db, "drpat", "--deny", "--clause-reason", f"{clause}=No count came.")
    assert result.exit_code == 0, result.output
    with open_store(db) as store:
        det = store.determinations.current(store.requests.by_reference(REFERENCE).id)
        assert det is not None and "No count came." in det.rationale


def test_a_case_never_pended_cannot_be_denied_for_missing_information(db) -> None:
    assert decide(db, "nina", "--refer", "--reason", "no ANC").exit_code == 0
    result = decide(db, "drpat", "--deny", "--reason", "no ANC")
    assert result.exit_code == 1 and "no information was requested" in result.output
    result = decide(db, "nina", "--info-not-received")
    assert result.exit_code == 1  # a nurse may not act on a referred review
    assert state_and_decisions(db) == ("referred", [])


def test_info_not_received_is_one_of_the_exclusive_actions(db) -> None:
    result = decide(db, "nina", "--info-not-received", "--resume")
    assert result.exit_code == 2 and "--info-not-received" in result.output
