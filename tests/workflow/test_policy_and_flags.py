"""The policy is fixed on the request; physician-review flags; signing failures audited;
continuation letters — through the workflow layer and through the CLI."""

from __future__ import annotations

import json
import shutil
from typing import Any

import pytest
from click.testing import CliRunner, Result
from pypdf import PdfReader
from workflow_helpers import FAST, PASSWORDS, REFERENCE, case_data

from ixreview.cli import cli, workflow_cmds
from ixreview.cli.decision_cmds import reassign_policy as reassign_cmd
from ixreview.domain.evaluation import Evaluation
from ixreview.letters.errors import LetterError
from ixreview.store import open_store
from ixreview.workflow import operations, review_context
from ixreview.workflow.errors import InvalidInput, NotPermitted, WorkflowError

FLAG = "dose 50 mg/m² is above the label's 40 mg/m²"


def _flagged(monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine as the domain helper fills it: a flag on an otherwise met case."""
    real = review_context.evaluate

    def evaluate(store: Any, case: Any, key: str) -> Evaluation:
        return real(store, case, key).model_copy(update={"review_flags": [FLAG]})

    monkeypatch.setattr(review_context, "evaluate", evaluate)


def test_deciding_always_uses_the_requests_policy(world) -> None:
    ref = world.import_case(policy="BCBST-IXEMPRA")
    doc, nina = world.sign_in("drpat"), world.sign_in("nina")
    assert world.store.requests.by_reference(ref).policy == "BCBST-IXEMPRA@current"
    # The member's BCBST policy decides; a nurse cannot approve under ING instead.
    with pytest.raises(NotPermitted, match="reviewed under BCBST-IXEMPRA@current"):
        operations.approve(world.store, nina, ref, world.pw("nina"), policy="ING-CC-0090",
                           security=FAST)
    with pytest.raises(NotPermitted, match="cannot use ING-CC-0090"):
        operations.deny(world.store, doc, ref, world.pw("drpat"), reasons={"x": "y"},
                        policy="ING-CC-0090", security=FAST)
    # The same policy named either way is accepted (no refusal on policy grounds).
    assert operations.policy_key(
        world.store, world.store.requests.by_reference(ref), "BCBST-IXEMPRA"
    ) == "BCBST-IXEMPRA@current"
    assert world.counts()["determinations"] == 0


def test_only_a_physician_or_admin_reassigns_with_a_reason_and_it_is_audited(world) -> None:
    ref = world.import_case()
    nina, doc, admin = world.sign_in("nina"), world.sign_in("drpat"), world.sign_in("admin")
    with pytest.raises(NotPermitted, match="only a physician reviewer or an administrator"):
        operations.reassign_policy(world.store, nina, ref, "BCBST-IXEMPRA", "member's plan")
    with pytest.raises(InvalidInput, match="reason"):
        operations.reassign_policy(world.store, doc, ref, "BCBST-IXEMPRA", "  ")
    key = operations.reassign_policy(world.store, doc, ref, "BCBST-IXEMPRA", "member is BCBST")
    assert key == "BCBST-IXEMPRA@current"
    request = world.store.requests.by_reference(ref)
    assert request.policy == key
    assert "from ING-CC-0090@2022-02-25 to BCBST-IXEMPRA@current: member is BCBST" in (
        world.store.reviews.for_request(request.id).comment
    )
    entry = [e for e in world.store.audit.entries() if e.action == "policy_reassigned"][-1]
    assert entry.actor_id == doc.user_id
    assert entry.details["from"] == "ING-CC-0090@2022-02-25" and entry.details["to"] == key
    assert "member is BCBST" not in json.dumps(entry.details)  # reason text stays off the log
    assert operations.reassign_policy(world.store, admin, ref, "ING-CC-0090", "back") == (
        "ING-CC-0090@2022-02-25"
    )
    assert operations.evaluate_review(world.store, nina, ref).policy.id == "ING-CC-0090"


def test_without_any_policy_import_succeeds_and_deciding_says_to_assign_one(world) -> None:
    result = world.store.import_case(json.dumps(case_data()))
    nina = world.sign_in("nina")
    with pytest.raises(InvalidInput, match="no policy is assigned to this request"):
        operations.approve(world.store, nina, result.reference, world.pw("nina"), security=FAST)
    assert world.counts()["determinations"] == 0


def test_a_nurse_refers_a_flagged_case_and_the_physician_approves_acknowledging_it(
    world, monkeypatch: pytest.MonkeyPatch
) -> None:
    _flagged(monkeypatch)
    ref = world.import_case()
    nina, doc = world.sign_in("nina"), world.sign_in("drpat")
    with pytest.raises(NotPermitted, match=f"refer to a physician: {FLAG}"):
        operations.approve(world.store, nina, ref, world.pw("nina"), security=FAST)
    operations.refer(world.store, nina, ref, "flagged dose")
    with pytest.raises(InvalidInput, match="acknowledges the physician-review flags"):
        operations.approve(world.store, doc, ref, world.pw("drpat"), security=FAST)
    result = operations.approve(world.store, doc, ref, world.pw("drpat"),
                                rationale="Dose reviewed with the prescriber.", security=FAST)
    det = world.store.determinations.get(result.determination_id)
    assert f"Physician-review flags acknowledged: {FLAG}" in det.rationale


def test_a_signing_failure_leaves_an_audit_entry_and_nothing_else(
    world, monkeypatch: pytest.MonkeyPatch
) -> None:
    ref = world.import_case()
    nina = world.sign_in("nina")
    import ixreview.letters.signing as signing

    def broken(*_a: Any, **_k: Any) -> None:
        raise LetterError("plan.logo_path: no such file: /nowhere.png")

    monkeypatch.setattr(signing, "sign_letter", broken)
    before = world.counts()
    with pytest.raises(WorkflowError, match="could not be signed"):
        operations.approve(world.store, nina, ref, world.pw("nina"), security=FAST)
    after = world.counts()
    assert after["determinations"] == before["determinations"] and after["letters"] == 0
    entry = world.store.audit.entries()[-1]
    assert entry.action == "sign_failed" and entry.actor_id == nina.user_id
    assert entry.details["why"] == "LetterError" and "nowhere" not in json.dumps(entry.details)
    assert world.store.verify_audit_chain().ok


def test_a_continuation_approval_names_the_authorization_it_continues(world) -> None:
    nina = world.sign_in("nina")
    first = operations.approve(world.store, nina, world.import_case(), world.pw("nina"),
                               security=FAST)
    data = case_data(reference="PA-2026-007777", request_type="continuation")
    data["continuation"] = {"prior_authorization": first.authorization_number,
                            "unacceptable_toxicity": False, "disease_progression": False}
    ref = world.import_case(data)
    assert world.store.requests.by_reference(ref).continuation_of == first.determination_id
    result = operations.approve(world.store, nina, ref, world.pw("nina"),
                                rationale="continuation", security=FAST)
    pdf = world.store.determinations.letter(result.letter_id).pdf
    import io

    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert f"continues authorization {first.authorization_number}" in " ".join(text.split())


# -- the CLI ---------------------------------------------------------------------------


@pytest.fixture
def db(template_db, tmp_path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(workflow_cmds, "SECURITY", FAST)
    path = tmp_path / "ixreview.sqlite3"
    shutil.copy(template_db, path)
    with open_store(path) as store:
        store.import_case(json.dumps(case_data()), policy="ING-CC-0090")
    return path


def reassign(db, user: str, *args: str) -> Result:
    return CliRunner().invoke(
        reassign_cmd, [REFERENCE, *args, "--user", user], input=PASSWORDS[user] + "\n",
        obj={"db": db},
    )


def test_cli_reassign_policy_is_for_physicians_with_a_reason(db) -> None:
    result = reassign(db, "nina", "BCBST-IXEMPRA", "--reason", "plan")
    assert result.exit_code == 1 and "only a physician reviewer or an administrator" in (
        result.output
    )
    result = reassign(db, "drpat", "BCBST-IXEMPRA@draft", "--reason", "what-if")
    assert result.exit_code == 2 and "draft policy version" in result.output
    result = reassign(db, "drpat", "BCBST-IXEMPRA", "--reason", "member is BCBST")
    assert result.exit_code == 0, result.output
    assert "now reviewed under BCBST-IXEMPRA@current" in result.output


def test_cli_decide_shows_the_flags_and_a_nurse_cannot_approve(
    db, monkeypatch: pytest.MonkeyPatch
) -> None:
    _flagged(monkeypatch)
    result = CliRunner().invoke(
        cli, ["--db", str(db), "decide", REFERENCE, "--approve", "--user", "nina"],
        input=PASSWORDS["nina"] + "\n",
    )
    assert result.exit_code == 1
    assert "engine outcome meets_criteria under ING-CC-0090@2022-02-25" in result.output
    assert f"physician review needed: {FLAG}" in result.output
    assert f"refer to a physician: {FLAG}" in result.output
    show = CliRunner().invoke(
        cli, ["--db", str(db), "show", REFERENCE, "--user", "nina"],
        input=PASSWORDS["nina"] + "\n",
    )
    assert show.exit_code == 0 and f"physician review needed: {FLAG}" in show.output
    assert "engine      meets_criteria (as saved)" in show.output


def test_cli_nurse_cancels_with_a_reason_code_only(db) -> None:
    def cancel(*args: str) -> Result:
        return CliRunner().invoke(
            cli, ["--db", str(db), "decide", REFERENCE, "--cancel", *args, "--user", "nina"],
            input=PASSWORDS["nina"] + "\n",
        )

    result = cancel("--reason", "not met, closing")
    assert result.exit_code == 1 and "coded reason" in result.output
    result = cancel("--reason-code", "duplicate")
    assert result.exit_code == 0 and "cancelled (C)" in result.output
