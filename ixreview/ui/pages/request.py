"""Page 1: member, prescriber, urgency, request type, medication and the policy.

The policy combo lists policy ids; the engine picks the version in force on the
received date, shown beside it. Drafts are not offered here: the criteria panel
compares with them.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ixreview.ui.generated.ui_request_page import Ui_RequestPage
from ixreview.ui.pages.base import ChecklistPage
from ixreview.ui.policies import PolicyChoice
from ixreview.ui.review_model import ReviewModel
from ixreview.ui.review_state import PAGE_FIELDS


class RequestPage(ChecklistPage):
    page = "request"
    title = "Request"
    form = Ui_RequestPage

    def __init__(
        self, model: ReviewModel, choices: list[PolicyChoice], parent: QWidget | None = None
    ) -> None:
        super().__init__(model, parent)
        self.bind(*PAGE_FIELDS["request"])
        combo = self.ui.policy
        combo.addItem("Choose the plan's policy", None)
        for c in choices:
            combo.addItem(f"{c.id}: {c.title}", c.id)
        combo.setCurrentIndex(max(combo.findData(model.state.policy), 0))
        combo.currentIndexChanged.connect(lambda _i: model.set_policy(combo.currentData()))
        combo.setEnabled(not model.read_only)
        model.evaluationChanged.connect(self._show_version)
        self._show_version()

    def _show_version(self) -> None:
        combo = self.ui.policy
        wanted = max(combo.findData((self.model.state.policy or "").partition("@")[0] or None), 0)
        if combo.currentIndex() != wanted:  # the policy was set elsewhere: follow the model
            combo.blockSignals(True)
            combo.setCurrentIndex(wanted)
            combo.blockSignals(False)
        ev = self.model.evaluation
        if ev is None:
            text = self.model.evaluation_error or "No policy chosen."
        else:
            p = ev.policy
            eff = (
                f"effective {p.effective_date}" if p.effective_date else "effective date not stated"
            )
            text = f"version {p.version} ({eff}), in force on the received date"
        self.ui.policy_version.setText(text)
