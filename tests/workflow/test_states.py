"""The review state machine: every legal transition, and clear refusals."""

from __future__ import annotations

import pytest

from ixreview.workflow.errors import IllegalTransition
from ixreview.workflow.states import (
    DECISION_CODES,
    Action,
    DecisionCode,
    ReviewState,
    allowed_actions,
    next_state,
)

D, R, P, X, C = (
    ReviewState.DRAFT,
    ReviewState.REFERRED,
    ReviewState.PENDED,
    ReviewState.DECIDED,
    ReviewState.CANCELLED,
)


@pytest.mark.parametrize(
    ("state", "action", "target"),
    [
        (D, Action.APPROVE, X),
        (D, Action.REFER, R),
        (R, Action.APPROVE, X),
        (R, Action.DENY, X),
        (D, Action.PEND, P),
        (R, Action.PEND, P),
        (P, Action.RESUME, D),
        (D, Action.CANCEL, C),
        (R, Action.CANCEL, C),
        (P, Action.CANCEL, C),
    ],
)
def test_legal_transitions(state: ReviewState, action: Action, target: ReviewState) -> None:
    assert next_state(state, action) == target


def test_every_other_pair_is_refused_with_a_message() -> None:
    legal = {(s, a) for s in ReviewState for a in allowed_actions(s)}
    for state in ReviewState:
        for action in Action:
            if (state, action) in legal:
                continue
            with pytest.raises(IllegalTransition) as info:
                next_state(state, action)
            assert str(info.value).startswith(f"cannot {action.verb}")


def test_messages_say_what_to_do() -> None:
    with pytest.raises(IllegalTransition, match="refer it to a physician reviewer first"):
        next_state(D, Action.DENY)
    with pytest.raises(IllegalTransition, match="resume it when the information arrives"):
        next_state(P, Action.APPROVE)
    with pytest.raises(IllegalTransition, match="already decided"):
        next_state(X, Action.CANCEL)
    with pytest.raises(IllegalTransition, match="already cancelled"):
        next_state(C, Action.RESUME)
    with pytest.raises(IllegalTransition, match="not pended"):
        next_state(D, Action.RESUME)


def test_closed_states_allow_nothing() -> None:
    assert allowed_actions(X) == []
    assert allowed_actions(C) == []
    assert {s for s in ReviewState if s.is_open} == {D, R, P}


def test_decision_codes() -> None:
    assert DECISION_CODES[Action.APPROVE] == DecisionCode.APPROVED == "A1"
    assert DECISION_CODES[Action.DENY] == "A3"
    assert DECISION_CODES[Action.PEND] == "A4"
    assert DECISION_CODES[Action.CANCEL] == "C"
    assert Action.REFER not in DECISION_CODES
