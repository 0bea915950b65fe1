"""Who may do what: nurse, physician, administrator, draft policies."""

from __future__ import annotations

import pytest

from ixreview.domain.evaluation import Evaluation
from ixreview.workflow.errors import IllegalTransition, InvalidInput, NotPermitted
from ixreview.workflow.permissions import (
    CancelReason,
    MissingItem,
    Request,
    allowed,
    check,
    denial_reasons,
)
from ixreview.workflow.roles import Role
from ixreview.workflow.states import Action, ReviewState

NURSE, DOC, ADMIN = Role.NURSE_REVIEWER, Role.PHYSICIAN_REVIEWER, Role.ADMINISTRATOR
D, R, P = ReviewState.DRAFT, ReviewState.REFERRED, ReviewState.PENDED
ITEM = (MissingItem("a recent neutrophil count", "to check the baseline limit"),)


def test_nurse_approves_a_case_that_meets_criteria(meets: Evaluation) -> None:
    assert check(NURSE, D, Request(Action.APPROVE), meets) == ReviewState.DECIDED


@pytest.mark.parametrize("fixture", ["not_meets", "needs_info"])
def test_nurse_cannot_approve_a_case_that_does_not_meet(
    fixture: str, request: pytest.FixtureRequest
) -> None:
    ev: Evaluation = request.getfixturevalue(fixture)
    with pytest.raises(NotPermitted, match="refer it to a physician reviewer"):
        check(NURSE, D, Request(Action.APPROVE, rationale="I think it is fine"), ev)


def test_nurse_can_never_deny(not_meets: Evaluation) -> None:
    reasons = denial_reasons(not_meets)
    for state in (D, R):
        with pytest.raises(NotPermitted, match="nurse reviewer may not deny"):
            check(NURSE, state, Request(Action.DENY, reasons=reasons), not_meets)


def test_nurse_refers_with_a_comment(not_meets: Evaluation) -> None:
    with pytest.raises(InvalidInput, match="comment"):
        check(NURSE, D, Request(Action.REFER, comment="  "), not_meets)
    assert check(NURSE, D, Request(Action.REFER, comment="ANC low"), not_meets) == R


def test_a_referred_review_belongs_to_physicians(meets: Evaluation) -> None:
    with pytest.raises(NotPermitted, match="only a physician"):
        check(NURSE, R, Request(Action.APPROVE), meets)
    with pytest.raises(NotPermitted, match="only a physician"):
        check(NURSE, R, Request(Action.CANCEL, reason_code=CancelReason.DUPLICATE), meets)


def test_physician_denies_a_referred_case_with_a_reason_per_unmet_clause(
    not_meets: Evaluation,
) -> None:
    reasons = denial_reasons(not_meets)
    clause = not_meets.clause("NA.I")
    assert reasons == {"NA.I": clause.denial_reason or clause.reason}
    assert check(DOC, R, Request(Action.DENY, reasons=reasons), not_meets) == ReviewState.DECIDED
    with pytest.raises(InvalidInput, match=r"reasons: give the member-specific reason for .*NA\.I"):
        check(DOC, R, Request(Action.DENY, reasons={"NA.I": " "}), not_meets)
    with pytest.raises(InvalidInput, match="not unmet criteria"):
        check(DOC, R, Request(Action.DENY, reasons={**reasons, "I": "x"}), not_meets)


def test_a_draft_is_referred_before_it_is_denied(not_meets: Evaluation) -> None:
    with pytest.raises(IllegalTransition, match="refer it"):
        check(DOC, D, Request(Action.DENY, reasons=denial_reasons(not_meets)), not_meets)


def test_nothing_to_deny_on_when_no_criterion_is_unmet(
    meets: Evaluation, needs_info: Evaluation
) -> None:
    for ev in (meets, needs_info):
        with pytest.raises(NotPermitted, match="nothing supports a denial"):
            check(DOC, R, Request(Action.DENY, rationale="judgement"), ev)


def test_physician_approves_against_the_engine_only_with_a_rationale(
    not_meets: Evaluation,
) -> None:
    with pytest.raises(InvalidInput, match="rationale: approving against"):
        check(DOC, R, Request(Action.APPROVE), not_meets)
    ok = Request(Action.APPROVE, rationale="Count repeated at 1,600 on 11/20")
    assert check(DOC, R, ok, not_meets) == ReviewState.DECIDED
    assert check(DOC, D, ok, not_meets) == ReviewState.DECIDED


@pytest.mark.parametrize("role", [NURSE, DOC])
def test_either_reviewer_pends_naming_what_is_missing(
    role: Role, needs_info: Evaluation
) -> None:
    with pytest.raises(InvalidInput, match="missing: name at least one"):
        check(role, D, Request(Action.PEND), needs_info)
    with pytest.raises(InvalidInput, match=r"missing\[1\]\.why_needed"):
        check(role, D, Request(Action.PEND, missing=(MissingItem("labs", " "),)), needs_info)
    assert check(role, D, Request(Action.PEND, missing=ITEM), needs_info) == P
    assert check(role, P, Request(Action.RESUME), None) == D


@pytest.mark.parametrize("action", [Action.APPROVE, Action.DENY, Action.PEND])
def test_nobody_decides_under_a_draft_policy(action: Action, draft_policy: Evaluation) -> None:
    req = Request(action, rationale="x", reasons=denial_reasons(draft_policy), missing=ITEM)
    with pytest.raises(NotPermitted, match="draft policy version"):
        check(DOC, R, req, draft_policy)


def test_cancel_needs_a_reason(meets: Evaluation) -> None:
    with pytest.raises(InvalidInput, match="reason"):
        check(DOC, D, Request(Action.CANCEL), meets)
    assert check(DOC, R, Request(Action.CANCEL, comment="member asked"), None) == (
        ReviewState.CANCELLED
    )


def test_a_nurse_cancels_only_for_a_coded_reason(meets: Evaluation) -> None:
    with pytest.raises(NotPermitted, match="coded reason"):
        check(NURSE, D, Request(Action.CANCEL, comment="not met, closing"), meets)
    for code in CancelReason:
        req = Request(Action.CANCEL, reason_code=code)
        assert check(NURSE, P, req, None) == ReviewState.CANCELLED
    assert CancelReason.NOT_ELIGIBLE.words == "member not eligible"


def test_administrators_do_not_review_but_may_cancel(meets: Evaluation) -> None:
    for action in Action:
        if action == Action.CANCEL:
            assert check(ADMIN, D, Request(action, comment="x"), meets) == ReviewState.CANCELLED
            continue
        with pytest.raises(NotPermitted, match="administrators manage accounts"):
            check(ADMIN, D, Request(action, comment="x"), meets)


def test_review_flags_stop_a_nurse_and_need_a_physicians_rationale(meets: Evaluation) -> None:
    flagged = meets.model_copy(update={"review_flags": ["dose above the label's 40 mg/m²"]})
    with pytest.raises(NotPermitted, match="refer to a physician: dose above the label"):
        check(NURSE, D, Request(Action.APPROVE), flagged)
    assert not allowed(NURSE, D, Action.APPROVE, flagged)
    assert allowed(NURSE, D, Action.REFER, flagged)
    with pytest.raises(InvalidInput, match="acknowledges the physician-review flags"):
        check(DOC, R, Request(Action.APPROVE), flagged)
    ok = Request(Action.APPROVE, rationale="Dose reviewed: BSA 2.3 capped; accepted.")
    assert check(DOC, R, ok, flagged) == ReviewState.DECIDED
    assert check(NURSE, D, Request(Action.APPROVE), meets) == ReviewState.DECIDED


def test_allowed_mirrors_check(meets: Evaluation, not_meets: Evaluation) -> None:
    assert allowed(NURSE, D, Action.APPROVE, meets)
    assert not allowed(NURSE, D, Action.APPROVE, not_meets)
    assert not allowed(NURSE, R, Action.DENY, not_meets)
    assert allowed(DOC, R, Action.DENY, not_meets)
    assert not allowed(DOC, R, Action.DENY, meets)
    assert not allowed(ADMIN, D, Action.REFER, meets)
