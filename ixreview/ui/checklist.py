"""The guided checklist: a step list, the current page, and the criteria panel beside it.

Each step in the list shows ✔ once confirmed and ✖ while an error stands on it.
"Confirm this page" moves on to the next step, with the keyboard on that page's
confirm button (or, on the decision page, the password).
`next_step` / `previous_step` are the main window's Review > Next / Previous step
(Ctrl+PgDown / Ctrl+PgUp). The checklist has no shortcuts of its own: a second
QShortcut for the same keys made Qt call them ambiguous and do nothing.

Signals:
    decided(str): re-emitted from the decision page.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from ixreview.ui.criteria_panel import CriteriaPanel
from ixreview.ui.pages.base import ChecklistPage
from ixreview.ui.pages.biomarkers import BiomarkersPage
from ixreview.ui.pages.decision import DecisionHandler, DecisionPage
from ixreview.ui.pages.diagnosis import DiagnosisPage
from ixreview.ui.pages.labs import LabsPage
from ixreview.ui.pages.request import PolicyHandler, RequestPage
from ixreview.ui.pages.treatment import TreatmentPage
from ixreview.ui.policies import PolicyChoice
from ixreview.ui.review_model import ReviewModel
from ixreview.ui.review_state import PAGES
from ixreview.ui.review_state import STEP_TITLES as TITLE_OF

STEP_TITLES = [TITLE_OF[p] for p in PAGES]


class ChecklistWidget(QWidget):
    decided = Signal(str)

    def __init__(
        self,
        model: ReviewModel,
        choices: list[PolicyChoice],
        handler: DecisionHandler,
        parent: QWidget | None = None,
        policies: PolicyHandler | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.setAccessibleName("Review checklist")
        self.steps = QListWidget(self)
        self.steps.setObjectName("steps")
        self.steps.setAccessibleName("Checklist steps")
        self.steps.setMaximumWidth(190)
        self.stack = QStackedWidget(self)
        self.pages: list[ChecklistPage] = [
            RequestPage(model, choices, policies=policies),
            DiagnosisPage(model),
            TreatmentPage(model),
            BiomarkersPage(model),
            LabsPage(model),
            DecisionPage(model, handler),
        ]
        for title, page in zip(STEP_TITLES, self.pages, strict=True):
            self.stack.addWidget(page)
            self.steps.addItem(QListWidgetItem(title))
            page.confirmedByHand.connect(self._advance)
        self.decision: DecisionPage = self.pages[-1]  # type: ignore[assignment]
        self.decision.decided.connect(self.decided)
        # A saved policy may carry its version ("BCBST-IXEMPRA@current"); the choice does not.
        base = (model.state.policy or "").partition("@")[0]
        has_draft = any(c.draft_key for c in choices if c.id == base)
        self.criteria = CriteriaPanel(model, has_draft)
        model.evaluationChanged.connect(self._update_draft_availability)
        self._choices = choices

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("checklist_splitter")
        self.splitter.addWidget(self.steps)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.criteria)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([170, 620, 420])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.steps.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.steps.setCurrentRow(0)
        model.derivedChanged.connect(self._mark_steps)
        model.confirmedChanged.connect(lambda _p: self._mark_steps())
        self._mark_steps()

    def go_to(self, index: int) -> None:
        self.steps.setCurrentRow(max(0, min(index, len(self.pages) - 1)))

    def next_step(self) -> None:
        self.go_to(self.steps.currentRow() + 1)

    def _advance(self) -> None:
        self.next_step()
        target = self.pages[self.steps.currentRow()].first_focus()
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def previous_step(self) -> None:
        self.go_to(self.steps.currentRow() - 1)

    def page(self, name: str) -> ChecklistPage:
        return next(p for p in self.pages if p.page == name)

    def _mark_steps(self) -> None:
        for i, page in enumerate(self.pages):
            item = self.steps.item(i)
            mark = ""
            if page.page != "decision":
                if self.model.page_errors(page.page):
                    mark = "✖ "
                elif self.model.is_confirmed(page.page):
                    mark = "✔ "
            item.setText(mark + STEP_TITLES[i])
            item.setData(Qt.ItemDataRole.AccessibleTextRole, mark + STEP_TITLES[i])

    def _update_draft_availability(self) -> None:
        base = (self.model.state.policy or "").partition("@")[0]
        has_draft = any(c.draft_key for c in self._choices if c.id == base)
        self.criteria.compare.setEnabled(has_draft)
        if not has_draft and self.criteria.compare.isChecked():
            self.criteria.compare.setChecked(False)
