"""Fixtures for the GUI tests: review models over the example case, checklist widgets."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import FakeHandler, example


@pytest.fixture
def make_model(qtbot: Any):
    from ixreview.domain.intake import parse_case_data
    from ixreview.ui.policies import draft_key_for
    from ixreview.ui.review_model import ReviewModel
    from ixreview.ui.review_state import ReviewState

    def make(data: dict[str, Any] | None = None, policy: str = "ING-CC-0090") -> ReviewModel:
        state = ReviewState.from_case(parse_case_data(data or example()))
        state.policy = policy
        return ReviewModel(state, draft_key=draft_key_for)

    return make


@pytest.fixture
def make_checklist(qtbot: Any, make_model: Any):
    from ixreview.ui.checklist import ChecklistWidget
    from ixreview.ui.policies import policy_choices

    def make(data: dict[str, Any] | None = None, policy: str = "ING-CC-0090", handler: Any = None):
        model = make_model(data, policy)
        widget = ChecklistWidget(model, policy_choices(), handler or FakeHandler())
        qtbot.addWidget(widget)
        widget.resize(1300, 820)
        widget.show()
        return widget

    return make


