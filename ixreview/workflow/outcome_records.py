"""Writing what a review action did: its determination, the review's new state, the audit entry.

Called inside the action's one store transaction (`state_changes`, `decisions`):
either everything an action writes exists or nothing does. Audit details carry
ids, codes and roles only, never PHI.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from ixreview.domain.evaluation import Evaluation
from ixreview.store import ConflictError, InvalidRecordError, NewDetermination, Review, Store
from ixreview.store import DecisionCode as StoreDecisionCode
from ixreview.store import ReviewState as StoreReviewState
from ixreview.workflow import information, letterdata, review_context
from ixreview.workflow.casefile import current_case
from ixreview.workflow.errors import Conflict, InvalidInput, WorkflowError
from ixreview.workflow.review_context import LoadedReview, policy_key
from ixreview.workflow.states import Action, DecisionCode, ReviewState

_AUDIT_WORDS = {
    Action.APPROVE: "approved",
    Action.DENY: "denied",
    Action.REFER: "referred",
    Action.PEND: "pended",
    Action.RESUME: "resumed",
    Action.INFO_NOT_RECEIVED: information.NOT_RECEIVED_AUDIT,
    Action.CANCEL: "cancelled",
}


def add_determination(
    store: Store,
    loaded: LoadedReview,
    code: DecisionCode,
    evaluation: Evaluation | None,
    *,
    rationale: str,
    terms: letterdata.ApprovalTerms | None = None,
) -> int:
    """Record the determination; one that follows a pend supersedes the pend's A4."""
    if evaluation is None:  # a cancellation records the evaluation as it stands, if any
        evaluation = _evaluation_for_record(store, loaded)
    current = store.determinations.current(loaded.request.id)
    correction = None
    if current is not None:
        correction = (
            f"follows the request for information of {current.decided_at[:10]} "
            f"(determination {current.id})"
        )
    try:
        det = store.determinations.add(
            NewDetermination(
                request_id=loaded.request.id,
                review_id=loaded.review.id,
                evaluation=evaluation,
                decision=StoreDecisionCode(code.value),
                decider_id=loaded.user.id,
                decider_role=loaded.role.value,
                rationale=rationale,
                authorization_number=None if terms is None else terms.authorization_number,
                period_start=None if terms is None else terms.period_from,
                period_end=None if terms is None else terms.period_to,
                units=None if terms is None else terms.units_total,
                supersedes_id=None if current is None else current.id,
                correction_reason=correction,
            ),
            actor=loaded.user.id,
        )
    except InvalidRecordError as exc:
        raise WorkflowError(f"the determination could not be recorded: {exc}") from None
    return det.id


def _evaluation_for_record(store: Store, loaded: LoadedReview) -> Evaluation:
    try:
        case = current_case(loaded.request, loaded.review)
        return review_context.evaluate(store, case, policy_key(store, loaded.request))
    except InvalidInput:
        raise InvalidInput(
            "case",
            "the case cannot be evaluated as saved; correct it (or assign a policy) "
            "before cancelling, so the record shows what was known",
        ) from None


def save_state(
    store: Store, loaded: LoadedReview, review: Review, target: ReviewState, revision: int
) -> Review:
    try:
        saved = store.reviews.save(
            replace(review, state=StoreReviewState(target.value)),
            revision,
            actor=loaded.user.id,
        )
    except ConflictError as exc:
        raise Conflict(str(exc)) from None
    if target != ReviewState.DRAFT:  # resumed from a pend, she works on: the claim stays
        from ixreview.workflow.teamwork import hand_on

        hand_on(store, loaded.request.id, loaded.user.id)
    return saved


def audit_action(
    store: Store,
    loaded: LoadedReview,
    action: Action,
    *,
    determination_id: int | None = None,
    letter_id: int | None = None,
    extra: Mapping[str, Any] | None = None,
) -> None:
    details: dict[str, Any] = {
        "request_id": loaded.request.id,
        "role": loaded.role.value,
        "from": loaded.state.value,
    }
    if determination_id is not None:
        details["determination_id"] = determination_id
    if letter_id is not None:
        details["letter_id"] = letter_id
    details.update(extra or {})
    store.audit.append(
        _AUDIT_WORDS[action], "review", loaded.review.id, actor=loaded.user.id, details=details
    )
