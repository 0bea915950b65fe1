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




@pytest.fixture(autouse=True)
def no_blocking_message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """A modal QMessageBox would wait forever offscreen: record it and answer "OK" (a
    question, such as the summary before signing: "Yes").

    Tests that check a message patch the box themselves (their patch wins)."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[tuple[str, str]] = []

    def record(kind: str):  # type: ignore[no-untyped-def]
        def box(_parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
            shown.append((kind, f"{title}: {text}"))
            if kind == "question":
                return QMessageBox.StandardButton.Yes
            return QMessageBox.StandardButton.Ok

        return box

    for kind in ("information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, record(kind))
    return shown
