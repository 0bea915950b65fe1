"""Review operations through the workflow layer: who may decide, signing, atomicity, audit."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

import pytest
from workflow_helpers import DELETE, REFERENCE, case_data  # tests/workflow/conftest.py

from ixreview.letters.verify import verify_letter
from ixreview.workflow import accounts, operations
from ixreview.workflow.errors import (
    AccountInactive,
    AccountLocked,
    AuthenticationFailed,
    Conflict,
    IllegalTransition,
    InvalidInput,
    NotPermitted,
)
from ixreview.workflow.permissions import MissingItem, denial_reasons
from ixreview.workflow.prefill import information_items
from ixreview.workflow.states import DecisionCode, ReviewState


def review_state(world, ref: str) -> str:
    request = world.store.requests.by_reference(ref)
    return world.store.reviews.for_request(request.id).state.value


def determinations(world, ref: str) -> list[str]:
    request = world.store.requests.by_reference(ref)
    return [d.decision.value for d in world.store.determinations.for_request(request.id)]


def low_anc(world, session, ref: str) -> None:
    """Enter a neutrophil count below the label limit: the case no longer meets criteria."""
    rev = world.store.reviews.for_request(world.store.requests.by_reference(ref).id).revision
    operations.save_answer(world.store, session, ref, "labs.anc_per_mm3", 1000,
                           expected_revision=rev)


def approve(world, session, ref, password=None, **kw):
    return operations.approve(world.store, session, ref, password or world.pw(session.username),
                              security=world.security, **kw)


def test_nurse_approves_a_case_that_meets_criteria_and_signs_the_letter(world) -> None:
    ref = world.import_case()
    nina = world.sign_in("nina")
    result = approve(world, nina, ref)
    assert result.decision == DecisionCode.APPROVED and result.state == ReviewState.DECIDED
    assert result.authorization_number and result.authorization_number.startswith("IXA-")
    det = world.store.determinations.get(result.determination_id)
    assert (det.decision.value, det.decider_id, det.decider_role) == ("A1", nina.user_id,
                                                                      "nurse_reviewer")
    assert (det.period_start, det.period_end, det.units) == ("2026-12-01", "2027-05-31", 675)
    letter = world.store.determinations.letter(result.letter_id)
    assert letter.kind == "approval" and letter.signer_id == nina.user_id
    assert hashlib.sha256(letter.pdf).hexdigest() == letter.sha256 == result.letter_sha256
    root = world.store.settings.get("signing.trust_roots_pem")
    report = verify_letter(letter.pdf, [root], expected_sha256=letter.sha256)
    assert report.ok, report.reasons
    assert report.signer == "Nina Nurse"
    # a decided review is closed
    with pytest.raises(IllegalTransition, match="already decided"):
        approve(world, nina, ref)


def test_nurse_cannot_approve_a_case_that_does_not_meet_criteria(world) -> None:
    ref = world.import_case()
    nina = world.sign_in("nina")
    low_anc(world, nina, ref)
    before = world.counts()
    with pytest.raises(NotPermitted, match="nurse reviewer may approve only when"):
        approve(world, nina, ref, rationale="looks fine to me")
    after = world.counts()
    assert (after["determinations"], after["letters"]) == (0, 0)
    assert after["audit_log"] == before["audit_log"] + 1  # the refusal itself
    refused = world.store.audit.entries()[-1]
    assert refused.action == "refused" and refused.details["action"] == "approve"
    assert review_state(world, ref) == "draft"


def test_nurse_cannot_deny(world) -> None:
    ref = world.import_case()
    nina = world.sign_in("nina")
    low_anc(world, nina, ref)
    ev = operations.evaluate_review(world.store, nina, ref)
    with pytest.raises(NotPermitted, match="nurse reviewer may not deny"):
        operations.deny(world.store, nina, ref, world.pw("nina"), reasons=denial_reasons(ev),
                        security=world.security)
    assert determinations(world, ref) == []


def test_nurse_refers_and_the_physician_denies(world) -> None:
    ref = world.import_case()
    nina = world.sign_in("nina")
    low_anc(world, nina, ref)
    with pytest.raises(InvalidInput, match="comment"):
        operations.refer(world.store, nina, ref, "  ")
    result = operations.refer(world.store, nina, ref, "ANC below 1,500; please review")
    assert result.state == ReviewState.REFERRED and result.decision is None
    # the referred review now belongs to physicians
    with pytest.raises(NotPermitted, match="only a physician"):
        operations.refer(world.store, nina, ref, "again")
    doc = world.sign_in("drpat")
    ev = operations.evaluate_review(world.store, doc, ref)
    reasons = denial_reasons(ev)
    reasons["NA.I"] = "Your neutrophil count on 11/12 was 1,000; the limit is 1,500."
    denied = operations.deny(world.store, doc, ref, world.pw("drpat"), reasons=reasons,
                             security=world.security)
    assert denied.decision == DecisionCode.DENIED
    det = world.store.determinations.get(denied.determination_id)
    assert "NA.I: Your neutrophil count on 11/12 was 1,000" in det.rationale
    letter = world.store.determinations.letter(denied.letter_id)
    assert letter.kind == "denial" and letter.signer_id == doc.user_id
    review = world.store.reviews.for_request(world.store.requests.by_reference(ref).id)
    assert "Referred by Nina Nurse" in review.comment


def test_physician_approves_against_the_engine_only_with_a_rationale(world) -> None:
    ref = world.import_case()
    doc = world.sign_in("drpat")
    low_anc(world, doc, ref)
    with pytest.raises(InvalidInput, match="rationale"):
        approve(world, doc, ref)
    result = approve(world, doc, ref, rationale="Repeat count 1,650 on 11/20 (faxed).")
    det = world.store.determinations.get(result.determination_id)
    assert det.rationale == "Repeat count 1,650 on 11/20 (faxed)."
    assert det.units == 675  # units computed as for an approval the engine would make
    assert world.store.audit.entries()[-1].details["against_engine"] is True


def test_pend_resume_then_approve_supersedes_the_request_for_information(world) -> None:
    ref = world.import_case(case_data(**{"labs.anc_per_mm3": DELETE}))
    nina = world.sign_in("nina")
    ev = operations.evaluate_review(world.store, nina, ref)
    items = information_items(ev)
    pended = operations.pend(world.store, nina, ref, world.pw("nina"), missing=items,
                             security=world.security)
    assert pended.decision == DecisionCode.PENDED and pended.state == ReviewState.PENDED
    assert world.store.determinations.letter(pended.letter_id).kind == "request_for_information"
    with pytest.raises(IllegalTransition, match="resume it"):
        approve(world, nina, ref)
    operations.resume_from_pend(world.store, nina, ref, "Labs of 11/20 received")
    rev = world.store.reviews.for_request(world.store.requests.by_reference(ref).id).revision
    operations.save_answer(world.store, nina, ref, "labs.anc_per_mm3", 2100, expected_revision=rev)
    approved = approve(world, nina, ref)
    assert determinations(world, ref) == ["A4", "A1"]
    det = world.store.determinations.get(approved.determination_id)
    assert det.supersedes_id == pended.determination_id and det.correction_reason


def test_cancel_needs_a_reason_and_issues_no_letter(world) -> None:
    ref = world.import_case()
    nina = world.sign_in("nina")
    with pytest.raises(NotPermitted, match="coded reason"):
        operations.cancel(world.store, nina, ref, "")
    # A nurse's free text is not enough: a not-meets case must reach a physician.
    with pytest.raises(NotPermitted, match="refer anything else to a physician"):
        operations.cancel(world.store, nina, ref, "does not meet criteria, closing")
    with pytest.raises(InvalidInput, match="reason_code"):
        operations.cancel(world.store, nina, ref, reason_code="bored")
    result = operations.cancel(world.store, nina, ref, "called 11/20", reason_code="withdrawn")
    assert result.decision == DecisionCode.CANCELLED and result.letter_id is None
    det = world.store.determinations.get(result.determination_id)
    assert det.rationale == "Cancelled: withdrawn by the prescriber. called 11/20"
    assert world.store.audit.entries()[-1].details["reason_code"] == "withdrawn"
    assert determinations(world, ref) == ["C"]
    assert world.counts()["letters"] == 0
    with pytest.raises(IllegalTransition, match="already cancelled"):
        operations.refer(world.store, nina, ref, "x")


def test_nobody_decides_under_a_draft_policy(world) -> None:
    ref = world.import_case()
    doc = world.sign_in("drpat")
    with pytest.raises(NotPermitted, match="fixed when it was imported"):
        approve(world, doc, ref, policy="BCBST-IXEMPRA@draft", rationale="what-if")
    with pytest.raises(InvalidInput, match="draft policy version"):
        operations.reassign_policy(world.store, doc, ref, "BCBST-IXEMPRA@draft", "what-if")
    assert determinations(world, ref) == []


def test_administrators_do_not_review(world) -> None:
    ref = world.import_case()
    admin = world.sign_in("admin")
    with pytest.raises(NotPermitted, match="administrators manage accounts"):
        approve(world, admin, ref)
    with pytest.raises(NotPermitted):
        operations.save_answer(world.store, admin, ref, "labs.anc_per_mm3", 2000,
                               expected_revision=1)


def test_a_wrong_password_signs_nothing(world) -> None:
    ref = world.import_case()
    nina = world.sign_in("nina")
    before = world.counts()
    with pytest.raises(AuthenticationFailed, match="nothing was signed"):
        approve(world, nina, ref, password="not-my-password")
    after = world.counts()
    assert (after["determinations"], after["letters"]) == (0, 0)
    assert review_state(world, ref) == "draft"
    new = [e.action for e in world.store.audit.entries()[before["audit_log"]:]]
    assert new == ["changed", "password_failed"]
    assert world.store.users.get(nina.user_id).failed_attempts == 1


def test_wrong_signing_passwords_lock_the_account(world) -> None:
    ref = world.import_case()
    nina = world.sign_in("nina")
    for _ in range(4):
        with pytest.raises(AuthenticationFailed):
            approve(world, nina, ref, password="not-my-password")
    with pytest.raises(AccountLocked):
        approve(world, nina, ref, password="not-my-password")
    # locked: even the right password does nothing, and nothing else works either
    with pytest.raises(AccountLocked):
        approve(world, nina, ref)
    with pytest.raises(AccountLocked):
        operations.refer(world.store, nina, ref, "please look")
    assert determinations(world, ref) == [] and review_state(world, ref) == "draft"


def test_a_deactivated_user_can_do_nothing(world) -> None:
    ref = world.import_case()
    nina = world.sign_in("nina")
    accounts.deactivate_user(world.store, world.sign_in("admin"), "nina")
    before = world.counts()
    attempts = [
        lambda: approve(world, nina, ref),
        lambda: operations.refer(world.store, nina, ref, "x"),
        lambda: operations.cancel(world.store, nina, ref, "x"),
        lambda: operations.save_answer(world.store, nina, ref, "labs.anc_per_mm3", 1,
                                       expected_revision=1),
        lambda: operations.evaluate_review(world.store, nina, ref),
    ]
    for attempt in attempts:
        with pytest.raises(AccountInactive):
            attempt()
    assert world.counts() == before
    assert review_state(world, ref) == "draft"


def test_a_half_failed_decision_leaves_no_trace(world, monkeypatch) -> None:
    ref = world.import_case()
    nina = world.sign_in("nina")
    before = world.counts()
    head = world.store.verify_audit_chain().head_hash
    added: list[int] = []
    real_add = world.store.determinations.add

    def add_then_fail_later(new, **kw):
        det = real_add(new, **kw)
        added.append(det.id)
        return det

    def fail(*args, **kw):
        raise OSError("disk full while writing the letter")

    monkeypatch.setattr(world.store.determinations, "add", add_then_fail_later)
    monkeypatch.setattr(world.store.determinations, "add_letter", fail)
    with pytest.raises(OSError, match="disk full"):
        approve(world, nina, ref)
    assert added, "the determination insert ran before the failure"
    assert world.counts() == before
    assert review_state(world, ref) == "draft"
    report = world.store.verify_audit_chain()
    assert report.ok and report.head_hash == head
    # and the same decision succeeds once the fault is gone
    monkeypatch.undo()
    assert approve(world, nina, ref).decision == DecisionCode.APPROVED


def test_a_stale_window_gets_a_conflict(world) -> None:
    ref = world.import_case()
    nina = world.sign_in("nina")
    operations.save_answer(world.store, nina, ref, "labs.anc_per_mm3", 2300, expected_revision=1)
    with pytest.raises(Conflict, match="reload"):
        operations.save_answer(world.store, nina, ref, "labs.anc_per_mm3", 2200,
                               expected_revision=1)
    with pytest.raises(Conflict):
        operations.approve(world.store, nina, ref, world.pw("nina"), expected_revision=1,
                           security=world.security)
    assert determinations(world, ref) == []


def test_answers_record_their_origin(world) -> None:
    ref = world.import_case(case_data(**{"prior_lines_of_therapy": DELETE}))
    nina = world.sign_in("nina")
    review = operations.save_answers(
        world.store, nina, ref,
        {"labs.anc_per_mm3": 2400, "labs.platelets_per_mm3": 190000, "prior_lines_of_therapy": 2},
        expected_revision=1,
    )
    origins = {p: a.origin.value for p, a in review.answers.items()}
    assert origins == {"labs.anc_per_mm3": "imported", "labs.platelets_per_mm3": "override",
                       "prior_lines_of_therapy": "entered"}
    assert review.answers["labs.platelets_per_mm3"].imported_value == 210000
    assert review.answers["labs.platelets_per_mm3"].set_by == nina.user_id
    with pytest.raises(InvalidInput, match="not a field"):
        operations.save_answer(world.store, nina, ref, "labs.anc", 1, expected_revision=2)
    with pytest.raises(InvalidInput, match="fixed by the request"):
        operations.save_answer(world.store, nina, ref, "reference", "X", expected_revision=2)


def test_pend_needs_the_missing_items_named(world) -> None:
    ref = world.import_case()
    nina = world.sign_in("nina")
    with pytest.raises(InvalidInput, match="missing"):
        operations.pend(world.store, nina, ref, world.pw("nina"), missing=[],
                        security=world.security)
    with pytest.raises(InvalidInput, match=r"why_needed"):
        operations.pend(world.store, nina, ref, world.pw("nina"),
                        missing=[MissingItem("HER2 report", "")], security=world.security)


def test_decision_clock_for_the_queue(world) -> None:
    ref = world.import_case()
    request = world.store.requests.by_reference(ref)
    status = operations.decision_clock(world.store, request)
    # received 2026-11-19 09:30 -06:00, standard commercial: due 15 days later
    assert status.due_at == datetime.fromisoformat("2026-12-04T09:30:00-06:00")
    assert not status.overdue and status.label == "12 d left"  # now: 11-22 09:00 -06:00
    world.clock.advance(days=30)
    assert operations.decision_clock(world.store, request).overdue


def test_every_step_is_audited_without_phi_and_the_chain_verifies(world) -> None:
    ref = world.import_case()
    nina = world.sign_in("nina")
    start = world.counts()["audit_log"]
    low_anc(world, nina, ref)
    operations.refer(world.store, nina, ref, "ANC low: Dolores Ibáñez, please review")
    doc = world.sign_in("drpat")
    ev = operations.evaluate_review(world.store, doc, ref)
    operations.deny(world.store, doc, ref, world.pw("drpat"), reasons=denial_reasons(ev),
                    security=world.security)
    new = world.store.audit.entries()[start:]
    assert [e.action for e in new] == [
        "changed",  # the answer
        "changed", "referred",  # state, then the workflow step
        "sign_in",
        "decided", "signed", "changed", "denied",
    ]
    assert all(e.actor_id is not None for e in new)
    text = json.dumps([e.details for e in world.store.audit.entries()], ensure_ascii=False)
    for phi in ("Dolores", "Ibáñez", "BCT884120301", "1962-07-14", ref, "1000"):
        assert phi not in text
    assert world.store.verify_audit_chain().ok


def test_queue_lists_open_reviews_most_urgent_first(world) -> None:
    world.import_case()
    expedited = case_data(reference="PA-2026-009999", urgency="expedited")
    world.import_case(expedited)
    medicare = case_data(reference="PA-2026-000001", **{"member.plan": "Medicare Advantage HMO"})
    world.import_case(medicare)
    done = case_data(reference="PA-2026-000002")
    world.import_case(done)
    nina = world.sign_in("nina")
    operations.cancel(world.store, nina, "PA-2026-000002", reason_code="duplicate")
    operations.refer(world.store, nina, "PA-2026-009999", "needs a physician")
    world.clock.advance(hours=1)  # now 72.5 h after all were received (11-19 15:30 UTC)
    items = operations.queue(world.store, nina)
    # MA standard 72 h (overdue), commercial expedited 72 h (overdue), commercial standard 15 d
    assert [i.reference for i in items] == ["PA-2026-000001", "PA-2026-009999", REFERENCE]
    assert [i.clock.overdue for i in items] == [True, True, False]
    assert [i.actionable for i in items] == [True, False, True]
    assert items[1].state == ReviewState.REFERRED
    assert world.store.audit.entries()[-1].details == {"count": 3}
    with pytest.raises(NotPermitted):
        operations.queue(world.store, world.sign_in("admin"))
