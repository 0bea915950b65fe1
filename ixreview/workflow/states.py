"""The review state machine and the X12 278 / Da Vinci PAS decision codes.

    draft ──approve──────────────────────────> decided (A1)
      │ └─refer──> referred ──approve|deny───> decided (A1 | A3)
      │               │
      └──pend──> pended <──pend──┘   pended ──resume──> draft
                 pended ──info_not_received (after the respond-by date)──> referred
    any open state ──cancel (with a reason)──> cancelled (C)

Denial only follows a referral: every adverse determination is a physician's,
made on a review that was screened and referred (domain-notes "Who does what").
This module knows states, not people; who may act is in `permissions`.
"""

from __future__ import annotations

from enum import StrEnum

from ixreview.workflow.errors import IllegalTransition


class ReviewState(StrEnum):
    DRAFT = "draft"
    REFERRED = "referred"
    PENDED = "pended"
    DECIDED = "decided"
    CANCELLED = "cancelled"

    @property
    def is_open(self) -> bool:
        return self in OPEN_STATES

    @property
    def label(self) -> str:
        return _LABELS[self]


class Action(StrEnum):
    APPROVE = "approve"
    DENY = "deny"
    REFER = "refer"
    PEND = "pend"
    RESUME = "resume"
    INFO_NOT_RECEIVED = "info_not_received"  # pended past its respond-by date: to a physician
    CANCEL = "cancel"
    SAVE = "save"  # an answer or comment saved on an open, editable review

    @property
    def verb(self) -> str:
        return _VERBS[self]


class DecisionCode(StrEnum):
    """Codes stored on a determination (X12 278 HCR01 / PAS reviewAction)."""

    APPROVED = "A1"
    DENIED = "A3"
    PENDED = "A4"
    CANCELLED = "C"  # X12 306: A6 means modified, never cancelled


OPEN_STATES = frozenset({ReviewState.DRAFT, ReviewState.REFERRED, ReviewState.PENDED})

_LABELS = {
    ReviewState.DRAFT: "draft",
    ReviewState.REFERRED: "referred to a physician",
    ReviewState.PENDED: "pended for information",
    ReviewState.DECIDED: "decided",
    ReviewState.CANCELLED: "cancelled",
}

_VERBS = {
    Action.APPROVE: "approve",
    Action.DENY: "deny",
    Action.REFER: "refer",
    Action.PEND: "pend",
    Action.RESUME: "resume",
    Action.INFO_NOT_RECEIVED: "refer as information not received",
    Action.CANCEL: "cancel",
    Action.SAVE: "change",
}

TRANSITIONS: dict[tuple[ReviewState, Action], ReviewState] = {
    (ReviewState.DRAFT, Action.APPROVE): ReviewState.DECIDED,
    (ReviewState.DRAFT, Action.REFER): ReviewState.REFERRED,
    (ReviewState.DRAFT, Action.PEND): ReviewState.PENDED,
    (ReviewState.DRAFT, Action.CANCEL): ReviewState.CANCELLED,
    (ReviewState.DRAFT, Action.SAVE): ReviewState.DRAFT,
    (ReviewState.REFERRED, Action.APPROVE): ReviewState.DECIDED,
    (ReviewState.REFERRED, Action.DENY): ReviewState.DECIDED,
    (ReviewState.REFERRED, Action.PEND): ReviewState.PENDED,
    (ReviewState.REFERRED, Action.CANCEL): ReviewState.CANCELLED,
    (ReviewState.REFERRED, Action.SAVE): ReviewState.REFERRED,
    (ReviewState.PENDED, Action.RESUME): ReviewState.DRAFT,
    (ReviewState.PENDED, Action.INFO_NOT_RECEIVED): ReviewState.REFERRED,
    (ReviewState.PENDED, Action.CANCEL): ReviewState.CANCELLED,
}

# The code a determination made by an action carries; actions absent here
# (refer, resume, info_not_received, save) change the state without a determination.
DECISION_CODES: dict[Action, DecisionCode] = {
    Action.APPROVE: DecisionCode.APPROVED,
    Action.DENY: DecisionCode.DENIED,
    Action.PEND: DecisionCode.PENDED,
    Action.CANCEL: DecisionCode.CANCELLED,
}


def allowed_actions(state: ReviewState) -> list[Action]:
    """Actions the state allows, in a stable order (for menus and help)."""
    return [a for a in Action if (state, a) in TRANSITIONS]


def next_state(state: ReviewState, action: Action) -> ReviewState:
    """The state after `action`, or IllegalTransition saying why not."""
    target = TRANSITIONS.get((state, action))
    if target is not None:
        return target
    if not state.is_open:
        raise IllegalTransition(
            f"cannot {action.verb} a review that is already {state.label}: "
            "a closed review is never changed"
        )
    if action == Action.DENY and state == ReviewState.DRAFT:
        raise IllegalTransition(
            "cannot deny a draft review: refer it to a physician reviewer first"
        )
    if state == ReviewState.PENDED:
        raise IllegalTransition(
            f"cannot {action.verb} a review that is pended for information: "
            "resume it when the information arrives"
        )
    if action == Action.INFO_NOT_RECEIVED:
        raise IllegalTransition(
            f"cannot {action.verb} a review that is {state.label}: "
            "only a review pended for information can be referred so"
        )
    if action == Action.RESUME:
        raise IllegalTransition(f"cannot resume a review that is {state.label}: it is not pended")
    raise IllegalTransition(f"cannot {action.verb} a review that is {state.label}")
