"""Who may do what to a review: the rules both the GUI and the CLI obey.

`check(...)` raises `NotPermitted`, `IllegalTransition` or `InvalidInput` with a
message saying what to do instead; it returns the state the review moves to.
Buttons may be disabled from `allowed(...)`, but the rule is enforced here.

- A nurse reviewer approves only when the engine says meets_criteria; every
  other case she refers to a physician, with a comment. She never denies.
- A physician reviewer approves (against the engine's outcome only with a
  written rationale) or denies (a reason for every unmet criterion; against the
  engine's outcome
  also a rationale). Denial follows a referral (see `states`).
- A nurse never approves while the engine raises review flags (reasons a
  physician must look even when the criteria are met); a physician approves
  them only with a written rationale that acknowledges them.
- Either pends, naming what is missing. Once the request for information's
  respond-by date has passed without it, either refers the pended review to a
  physician as "information not received"; the physician may then deny a
  needs_information case, citing each clause still not documented (never
  before the date, never for a case that was not pended). A nurse cancels only for a coded
  reason (withdrawn by the prescriber, duplicate request, member not eligible)
  and refers anything else; physicians and administrators cancel with any
  written reason.
- A referred review belongs to the physicians: a nurse may not act on it.
- Nobody approves, denies or pends under a draft policy version (what-if only).
- Administrators administer accounts and review nothing (they may cancel).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from ixreview.domain.evaluation import ClauseResult, Evaluation, Outcome, PolicyRef
from ixreview.letters.model import denial_clauses, undocumented_clauses
from ixreview.workflow.errors import IllegalTransition, InvalidInput, NotPermitted
from ixreview.workflow.roles import Role
from ixreview.workflow.states import Action, ReviewState, next_state

# Actions that issue a determination letter and so need an in-force policy.
_SIGNED_ACTIONS = frozenset({Action.APPROVE, Action.DENY, Action.PEND})


class CancelReason(StrEnum):
    """The coded reasons a nurse may cancel a review for (anything else is referred)."""

    WITHDRAWN = "withdrawn"
    DUPLICATE = "duplicate"
    NOT_ELIGIBLE = "not_eligible"

    @property
    def words(self) -> str:
        return _CANCEL_WORDS[self]


_CANCEL_WORDS = {
    CancelReason.WITHDRAWN: "withdrawn by the prescriber",
    CancelReason.DUPLICATE: "duplicate request",
    CancelReason.NOT_ELIGIBLE: "member not eligible",
}


@dataclass(frozen=True)
class MissingItem:
    """One thing a request for information asks for, in words, and why."""

    item: str
    why_needed: str


@dataclass(frozen=True)
class InformationRequest:
    """The open request for information (the A4 in force) of a review."""

    determination_id: int
    requested_on: date
    respond_by: date
    items: tuple[MissingItem, ...]
    not_received: bool  # referred to a physician as "information not received" since

    def overdue(self, today: date) -> bool:
        """The respond-by day itself still counts: overdue from the day after."""
        return today > self.respond_by


@dataclass(frozen=True)
class Request:
    """What the reviewer asks for, with the words that go on the record."""

    action: Action
    comment: str = ""  # refer: the note to the physician; cancel: the reason
    rationale: str = ""  # approve/deny against the engine's outcome
    # deny: clause id -> the member-specific reason, one for every clause relied on
    reasons: Mapping[str, str] = field(default_factory=dict)
    missing: Sequence[MissingItem] = field(default_factory=tuple)  # pend
    reason_code: CancelReason | None = None  # cancel: the coded reason


def is_draft_policy(policy: PolicyRef) -> bool:
    return policy.status.strip().lower() == "draft"


def check(
    role: Role,
    state: ReviewState,
    request: Request,
    evaluation: Evaluation | None,
    *,
    information: InformationRequest | None = None,
    today: date | None = None,
) -> ReviewState:
    """Raise if `role` may not make `request` on a review in `state`; else the next state.

    `evaluation` is the engine's result for the case as it stands; it is needed
    for approve, deny and pend (None is accepted for the other actions).
    `information` is the review's open request for information, if any, and
    `today` the store clock's date: both needed for info_not_received and for
    denying a needs_information case.
    """
    action = request.action
    _check_role_absolutes(role, action)
    if role == Role.NURSE_REVIEWER and state == ReviewState.REFERRED:
        raise NotPermitted(
            "this review is referred to a physician reviewer: only a physician may act on it"
        )
    target = next_state(state, action)
    if action in _SIGNED_ACTIONS:
        if evaluation is None:
            raise InvalidInput("evaluation", f"to {action.verb}, the case must be evaluated first")
        if is_draft_policy(evaluation.policy):
            raise NotPermitted(
                f"cannot {action.verb} under {evaluation.policy.key}: it is a draft policy "
                "version, for what-if comparison only; decide under the version in force"
            )
    if action == Action.APPROVE:
        assert evaluation is not None
        _check_approve(role, evaluation, request)
    elif action == Action.DENY:
        assert evaluation is not None
        _check_deny(evaluation, request, information, today)
    elif action == Action.INFO_NOT_RECEIVED:
        _check_overdue(information, today)
    elif action == Action.PEND:
        _check_missing(request.missing)
    elif action == Action.REFER:
        if not request.comment.strip():
            raise InvalidInput(
                "comment", "a referral needs a comment for the physician reviewer"
            )
    elif action == Action.CANCEL:
        _check_cancel(role, request)
    return target


def allowed(
    role: Role,
    state: ReviewState,
    action: Action,
    evaluation: Evaluation | None,
    *,
    information: InformationRequest | None = None,
    today: date | None = None,
) -> bool:
    """Whether `action` could be allowed (given the words it needs): for enabling buttons."""
    reasons = (
        {c.id: "x" for c in relied_on(evaluation, information)}
        if evaluation is not None
        else {}
    )
    probe = Request(
        action, comment="x", rationale="x", reasons=reasons, missing=(MissingItem("x", "x"),),
        reason_code=CancelReason.WITHDRAWN,
    )
    try:
        check(role, state, probe, evaluation, information=information, today=today)
    except (NotPermitted, IllegalTransition, InvalidInput):
        return False
    return True


def _check_role_absolutes(role: Role, action: Action) -> None:
    if role == Role.ADMINISTRATOR and action != Action.CANCEL:
        raise NotPermitted(
            "administrators manage accounts and do not review: sign in with a reviewer account"
        )
    if role == Role.NURSE_REVIEWER and action == Action.DENY:
        raise NotPermitted(
            "a nurse reviewer may not deny: refer the case to a physician reviewer with a comment"
        )


def _check_approve(role: Role, evaluation: Evaluation, request: Request) -> None:
    flags = [f.strip() for f in evaluation.review_flags if f.strip()]
    if flags and role == Role.NURSE_REVIEWER:
        raise NotPermitted(f"refer to a physician: {'; '.join(flags)}")
    if flags and not request.rationale.strip():
        raise InvalidInput(
            "rationale",
            "approving needs a written rationale that acknowledges the physician-review "
            f"flags: {'; '.join(flags)}",
        )
    if evaluation.outcome == Outcome.MEETS:
        return
    if role == Role.NURSE_REVIEWER:
        raise NotPermitted(
            f"a nurse reviewer may approve only when the case meets criteria (the outcome is "
            f"{evaluation.outcome.value}): refer it to a physician reviewer with a comment"
        )
    if not request.rationale.strip():
        raise InvalidInput(
            "rationale",
            f"approving against the engine's outcome ({evaluation.outcome.value}) needs a "
            "written rationale",
        )


def not_received_denial(evaluation: Evaluation, information: InformationRequest | None) -> bool:
    """Whether a denial would rest on information requested and not received: nothing is
    unmet, the outcome is needs_information, and the review was referred as such."""
    return (
        not denial_clauses(evaluation)
        and evaluation.outcome == Outcome.NEEDS_INFORMATION
        and information is not None
        and information.not_received
    )


def relied_on(
    evaluation: Evaluation, information: InformationRequest | None = None
) -> list[ClauseResult]:
    """The clauses a denial would cite: unmet ones, or the undocumented ones when the
    requested information was not received."""
    if not_received_denial(evaluation, information):
        return undocumented_clauses(evaluation)
    return denial_clauses(evaluation)


def _check_overdue(information: InformationRequest | None, today: date | None) -> None:
    if information is None:
        raise IllegalTransition(
            "no request for information is open on this review, so none can be overdue"
        )
    if today is None or not information.overdue(today):
        raise NotPermitted(
            f"the information was requested to be sent by {information.respond_by:%Y-%m-%d}: "
            "wait until that date has passed (resume the review if it arrives)"
        )


def _check_deny(
    evaluation: Evaluation,
    request: Request,
    information: InformationRequest | None,
    today: date | None,
) -> None:
    if not denial_clauses(evaluation) and evaluation.outcome == Outcome.NEEDS_INFORMATION:
        if information is None:
            raise NotPermitted(
                "nothing supports a denial: no criterion is unmet (the outcome is "
                "needs_information) and no information was requested; pend for the "
                "missing information, or approve"
            )
        _check_overdue(information, today)
        if not information.not_received:
            raise NotPermitted(
                "the requested information is overdue: record it as not received "
                "(refer the pended review as information not received) before denying"
            )
    relied = [c.id for c in relied_on(evaluation, information)]
    if not relied:
        raise NotPermitted(
            f"nothing supports a denial: no criterion is unmet (the outcome is "
            f"{evaluation.outcome.value}); pend for the missing information, or approve"
        )
    if not_received_denial(evaluation, information):
        _check_reasons(relied, request, "criteria still not documented")
        return  # the documented consequence of the request for information, not a rationale
    _check_reasons(relied, request, "unmet")
    if evaluation.outcome != Outcome.DOES_NOT_MEET and not request.rationale.strip():
        raise InvalidInput(
            "rationale",
            f"denying against the engine's outcome ({evaluation.outcome.value}) needs a "
            "written rationale",
        )


def _check_reasons(relied: list[str], request: Request, kind: str) -> None:
    unknown = [cid for cid in request.reasons if cid not in relied]
    if unknown:
        what = "unmet criteria" if kind == "unmet" else kind
        raise InvalidInput(
            "reasons",
            f"clause(s) {', '.join(unknown)} are not {what} of this evaluation "
            f"({kind}: {', '.join(relied)})",
        )
    without = [cid for cid in relied if not request.reasons.get(cid, "").strip()]
    if without:
        raise InvalidInput(
            "reasons", f"give the member-specific reason for clause(s) {', '.join(without)}"
        )


def _check_cancel(role: Role, request: Request) -> None:
    if role == Role.NURSE_REVIEWER:
        if request.reason_code is None:
            codes = ", ".join(f"{c.value} ({c.words})" for c in CancelReason)
            raise NotPermitted(
                f"a nurse reviewer may cancel only for a coded reason ({codes}); refer "
                "anything else to a physician reviewer with a comment"
            )
        return
    if request.reason_code is None and not request.comment.strip():
        raise InvalidInput("reason", "cancelling a review needs a reason")


def _check_missing(items: Sequence[MissingItem]) -> None:
    if not items:
        raise InvalidInput("missing", "name at least one missing item to pend for information")
    for n, entry in enumerate(items, start=1):
        if not entry.item.strip():
            raise InvalidInput(f"missing[{n}].item", "say what is missing")
        if not entry.why_needed.strip():
            raise InvalidInput(f"missing[{n}].why_needed", "say why it is needed")


def denial_reasons(evaluation: Evaluation) -> dict[str, str]:
    """Reasons to prefill a denial with, by clause: the policy's plain-language reason.

    From the policy data (`denial_reason`), else the engine's reason. The
    catch-all exclusions that only restate that approval criteria failed are
    left out (`letters.model.denial_clauses`). The physician edits them; they are
    suggestions, never the decision.
    """
    return {c.id: (c.denial_reason.strip() or c.reason) for c in denial_clauses(evaluation)}


__all__ = [
    "CancelReason",
    "InformationRequest",
    "MissingItem",
    "Request",
    "allowed",
    "check",
    "denial_clauses",
    "denial_reasons",
    "is_draft_policy",
    "not_received_denial",
    "relied_on",
]
