"""A request for information that is never answered: refer as not received, then deny.

Through the workflow layer, with the store clock moved past the respond-by date.
"""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from workflow_helpers import DELETE, case_data

from ixreview.workflow import operations
from ixreview.workflow.errors import AuthenticationFailed, IllegalTransition, NotPermitted
from ixreview.workflow.prefill import information_items
from ixreview.workflow.states import Action, DecisionCode, ReviewState

NEEDS_INFO = {"labs.anc_per_mm3": DELETE}


def state(world, ref: str) -> str:
    request = world.store.requests.by_reference(ref)
    return world.store.reviews.for_request(request.id).state.value


def review(world, ref: str):
    return world.store.reviews.for_request(world.store.requests.by_reference(ref).id)


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(p.extract_text() or "" for p in reader.pages).split())


def pended(world) -> tuple[str, operations.Result]:
    """A needs_information case, pended by the nurse (standard: 45 days to respond)."""
    ref = world.import_case(case_data(**NEEDS_INFO))
    nina = world.sign_in("nina")
    items = information_items(operations.evaluate_review(world.store, nina, ref))
    result = operations.pend(world.store, nina, ref, world.pw("nina"), missing=items,
                             security=world.security)
    assert result.state == ReviewState.PENDED
    return ref, result


def deny(world, session, ref: str, **kw):
    reasons = operations.denial_prefill(world.store, session, ref)
    return operations.deny(world.store, session, ref, world.pw(session.username),
                           reasons=reasons, security=world.security, **kw)


def test_the_request_for_information_is_read_back_with_its_dates(world) -> None:
    ref, _ = pended(world)
    info = operations.information_request(world.store, world.sign_in("nina"), ref)
    assert info is not None and not info.not_received
    assert info.requested_on.isoformat() == "2026-11-22"
    assert info.respond_by.isoformat() == "2027-01-06"  # 45 days
    assert [m.item for m in info.items] == ["A recent absolute neutrophil count"]


def test_not_received_is_refused_until_the_respond_by_date_has_passed(world) -> None:
    ref, _ = pended(world)
    nina = world.sign_in("nina")
    world.clock.advance(days=45)  # the respond-by day itself: it may still arrive
    with pytest.raises(NotPermitted, match="sent by 2027-01-06: wait until that date"):
        operations.information_not_received(world.store, nina, ref)
    assert state(world, ref) == "pended"
    refused = [e for e in world.store.audit.entries() if e.action == "refused"]
    assert refused[-1].details["action"] == "info_not_received"
    world.clock.advance(days=1)
    result = operations.information_not_received(world.store, nina, ref, "Two calls, no reply")
    assert result.state == ReviewState.REFERRED and result.decision is None
    comment = review(world, ref).comment
    assert "Information not received: requested on 2026-11-22, to be sent by 2027-01-06." in comment
    assert "Two calls, no reply" in comment
    entry = [e for e in world.store.audit.entries() if e.action == "info_not_received"][-1]
    info = operations.information_request(world.store, nina, ref)
    assert info is not None and info.not_received
    assert entry.details["determination_id"] == info.determination_id
    assert entry.details["reason_code"] == "information_not_received"
    assert entry.details["from"] == "pended" and entry.details["role"] == "nurse_reviewer"


def test_physicians_may_record_not_received_but_administrators_may_not(world) -> None:
    ref, _ = pended(world)
    world.clock.advance(days=46)
    with pytest.raises(NotPermitted, match="administrators"):
        operations.information_not_received(world.store, world.sign_in("admin"), ref)
    result = operations.information_not_received(world.store, world.sign_in("drpat"), ref)
    assert result.state == ReviewState.REFERRED


def test_only_a_pended_review_can_be_marked_not_received(world) -> None:
    ref = world.import_case(case_data(**NEEDS_INFO))
    with pytest.raises(IllegalTransition, match="only a review pended for information"):
        operations.information_not_received(world.store, world.sign_in("nina"), ref)


def test_physician_denies_for_information_not_received(world) -> None:
    ref, pend = pended(world)
    world.clock.advance(days=50)
    operations.information_not_received(world.store, world.sign_in("nina"), ref)
    pat = world.sign_in("drpat")
    reasons = operations.denial_prefill(world.store, pat, ref)
    assert reasons  # each undocumented clause, with the item, the dates, "did not receive"
    for text in reasons.values():
        assert text == (
            "We asked for a recent absolute neutrophil count on November 22, 2026, to be "
            "sent by January 6, 2027, and did not receive it."
        )
    result = deny(world, pat, ref)
    assert result.decision == DecisionCode.DENIED and result.state == ReviewState.DECIDED
    det = world.store.determinations.get(result.determination_id)
    assert det.supersedes_id == pend.determination_id
    assert "to be sent by 2027-01-06, was not received" in det.rationale
    letter = world.store.determinations.letter(result.letter_id)
    assert letter.kind == "denial"
    text = pdf_text(letter.pdf)
    assert "we asked your prescriber for information we needed" in text
    assert "and did not receive it" in text
    assert "Why we could not rule it out: We asked for a recent absolute neutrophil" in text
    assert "The policy says the request may not be approved: “If the baseline neutrophil" in text
    assert "A recent absolute neutrophil count" in text  # what would change the decision
    assert "Your right to appeal" in text and "within 180 days" in text
    assert "peer-to-peer" in text and "865-555-0100" in text
    decided = [e for e in world.store.audit.entries() if e.action == "denied"][-1]
    assert decided.details["information_not_received"] is True
    assert decided.details["against_engine"] is False


def test_the_physician_may_edit_the_prefilled_reasons(world) -> None:
    ref, _ = pended(world)
    world.clock.advance(days=50)
    operations.information_not_received(world.store, world.sign_in("nina"), ref)
    pat = world.sign_in("drpat")
    reasons = {cid: "No blood count came although we called twice."
               for cid in operations.denial_prefill(world.store, pat, ref)}
    result = operations.deny(world.store, pat, ref, world.pw("drpat"), reasons=reasons,
                             security=world.security)
    text = pdf_text(world.store.determinations.letter(result.letter_id).pdf)
    assert "No blood count came although we called twice." in text


def test_denial_of_a_needs_information_case_never_pended_is_refused(world) -> None:
    ref = world.import_case(case_data(**NEEDS_INFO))
    operations.refer(world.store, world.sign_in("nina"), ref, "No ANC in the request")
    world.clock.advance(days=60)
    pat = world.sign_in("drpat")
    with pytest.raises(NotPermitted, match="no information was requested"):
        operations.deny(world.store, pat, ref, world.pw("drpat"), reasons={"x": "y"},
                        rationale="why", security=world.security)
    assert state(world, ref) == "referred"


def test_denial_before_the_referral_or_after_a_resume_is_refused(world) -> None:
    ref, _ = pended(world)
    pat = world.sign_in("drpat")
    with pytest.raises(IllegalTransition, match="pended for information"):
        deny(world, pat, ref, rationale="x")
    operations.resume_from_pend(world.store, world.sign_in("nina"), ref, "ANC came by fax")
    operations.refer(world.store, world.sign_in("nina"), ref, "please look")
    world.clock.advance(days=60)
    with pytest.raises(NotPermitted, match="record it as not received"):
        operations.deny(world.store, pat, ref, world.pw("drpat"), reasons={"x": "y"},
                        rationale="why", security=world.security)
    assert state(world, ref) == "referred"


def test_resume_still_works_before_the_referral(world) -> None:
    ref, _ = pended(world)
    world.clock.advance(days=60)  # late, but it arrived: the reviewer resumes
    result = operations.resume_from_pend(world.store, world.sign_in("nina"), ref, "ANC arrived")
    assert result.state == ReviewState.DRAFT
    with pytest.raises(IllegalTransition):
        operations.information_not_received(world.store, world.sign_in("nina"), ref)


def test_after_the_referral_the_information_arrives_and_the_physician_approves(world) -> None:
    ref, pend = pended(world)
    world.clock.advance(days=50)
    operations.information_not_received(world.store, world.sign_in("nina"), ref)
    pat = world.sign_in("drpat")
    operations.save_answer(world.store, pat, ref, "labs.anc_per_mm3", 2100,
                           expected_revision=review(world, ref).revision)
    result = operations.approve(world.store, pat, ref, world.pw("drpat"),
                                security=world.security)
    assert result.decision == DecisionCode.APPROVED
    det = world.store.determinations.get(result.determination_id)
    assert det.supersedes_id == pend.determination_id


def test_nurses_never_deny_even_when_the_information_is_overdue(world) -> None:
    ref, _ = pended(world)
    world.clock.advance(days=50)
    nina = world.sign_in("nina")
    operations.information_not_received(world.store, nina, ref)
    with pytest.raises(NotPermitted, match="nurse reviewer may not deny"):
        operations.deny(world.store, nina, ref, world.pw("nina"), reasons={},
                        security=world.security)


def test_a_wrong_password_signs_no_not_received_denial(world) -> None:
    ref, _ = pended(world)
    world.clock.advance(days=50)
    operations.information_not_received(world.store, world.sign_in("nina"), ref)
    pat = world.sign_in("drpat")
    before = world.counts()
    reasons = operations.denial_prefill(world.store, pat, ref)
    with pytest.raises(AuthenticationFailed):
        operations.deny(world.store, pat, ref, "wrong-password-123", reasons=reasons,
                        security=world.security)
    after = world.counts()
    assert (after["determinations"], after["letters"]) == (
        before["determinations"], before["letters"])
    assert state(world, ref) == "referred"


def test_allowed_enables_the_buttons(world) -> None:
    from ixreview.workflow.permissions import allowed
    from ixreview.workflow.roles import Role

    ref, _ = pended(world)
    nina = world.sign_in("nina")
    ev = operations.evaluate_review(world.store, nina, ref)
    info = operations.information_request(world.store, nina, ref)
    today = world.clock.now.date()
    assert not allowed(Role.NURSE_REVIEWER, ReviewState.PENDED, Action.INFO_NOT_RECEIVED, ev,
                       information=info, today=today)
    world.clock.advance(days=46)
    assert allowed(Role.NURSE_REVIEWER, ReviewState.PENDED, Action.INFO_NOT_RECEIVED, ev,
                   information=info, today=world.clock.now.date())
    operations.information_not_received(world.store, nina, ref)
    info = operations.information_request(world.store, nina, ref)
    assert allowed(Role.PHYSICIAN_REVIEWER, ReviewState.REFERRED, Action.DENY, ev,
                   information=info, today=world.clock.now.date())
    assert not allowed(Role.NURSE_REVIEWER, ReviewState.REFERRED, Action.DENY, ev,
                       information=info, today=world.clock.now.date())
