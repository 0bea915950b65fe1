"""Page 5: labs with unit choice for counts, ratios to ULN shown live, collection date.

A count is typed in the lab's unit; the answer stored is cells/mm³ (the case
format's unit) and the converted value is shown under the field. Changing the
unit re-reads the typed number in the new unit. Ratios come from the engine's
derived facts, so they are the ones the criteria use. A "Safety" row asks for a
severe hypersensitivity to Cremophor EL (a label contraindication): Yes / No / Not
documented, bound like every other answer.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from ixreview.ui.fields import decorate, show_value
from ixreview.ui.generated.ui_labs_page import Ui_LabsPage
from ixreview.ui.pages.base import ChecklistPage
from ixreview.ui.review_model import ReviewModel
from ixreview.ui.review_state import COUNT_UNITS, from_count, to_count

COUNTS = {"labs.anc_per_mm3": "anc", "labs.platelets_per_mm3": "platelets"}
RATIOS = {"ast_ratio": "ast_ratio", "alt_ratio": "alt_ratio", "bilirubin_ratio": "bilirubin_ratio"}


class CountField:
    """A count typed in a chosen unit, stored in cells/mm³."""

    def __init__(
        self, model: ReviewModel, path: str, edit: QLineEdit, unit: QComboBox, shown: QLabel
    ) -> None:
        self.model, self.path, self.edit, self.unit, self.shown = model, path, edit, unit, shown
        for name in COUNT_UNITS:
            unit.addItem(name, name)
        unit.setCurrentIndex(max(unit.findData(model.state.units.get(path, "cells/mm³")), 0))
        self.badge, self.message = decorate(edit)
        edit.textEdited.connect(self._typed)
        unit.currentIndexChanged.connect(self._unit_changed)
        model.answerChanged.connect(self._answer_changed)
        model.derivedChanged.connect(self._show_findings)
        self._show()
        self._show_findings()
        edit.setEnabled(not model.read_only)
        unit.setEnabled(not model.read_only)

    def current_unit(self) -> str:
        return str(self.unit.currentData())

    def _typed(self, text: str) -> None:
        try:
            number = float(text.replace(",", ""))
        except ValueError:
            self.model.set_answer(self.path, text)  # the domain names the problem
            return
        self.model.set_answer(self.path, to_count(number, self.current_unit()))

    def _unit_changed(self, _index: int) -> None:
        self.model.set_unit(self.path, self.current_unit())
        self._typed(self.edit.text())
        self._show()

    def _answer_changed(self, path: str) -> None:
        if path == self.path:
            self._show()

    def _show(self) -> None:
        value = self.model.value(self.path)
        if isinstance(value, int | float) and not isinstance(value, bool):
            shown = from_count(float(value), self.current_unit())
            current = self.edit.text().replace(",", "")
            try:
                same = float(current) == shown
            except ValueError:
                same = False
            if not same:
                self.edit.setText(show_value(round(shown, 6)))
            self.shown.setText(f"= {value:,.0f} cells/mm³")
        else:
            if not self.edit.hasFocus():
                self.edit.setText(show_value(value))
            self.shown.setText("")
        self.badge.show_origin(self.model.origin(self.path), self.model.imported(self.path))

    def _show_findings(self) -> None:
        self.message.show_messages(
            [f.message for f in self.model.errors_for(self.path)],
            [f.message for f in self.model.warnings_for(self.path)],
        )


class LabsPage(ChecklistPage):
    page = "labs"
    title = "Labs"
    form = Ui_LabsPage

    def __init__(self, model: ReviewModel, parent: QWidget | None = None) -> None:
        super().__init__(model, parent)
        ui = self.ui
        self.bind(
            "labs.collected_on",
            "labs.ast_u_l",
            "labs.ast_uln",
            "labs.alt_u_l",
            "labs.alt_uln",
            "labs.bilirubin_mg_dl",
            "labs.bilirubin_uln",
            "cremophor_hypersensitivity",
        )
        self.counts = {
            "labs.anc_per_mm3": CountField(
                model, "labs.anc_per_mm3", ui.labs_anc_per_mm3, ui.anc_unit, ui.anc_converted
            ),
            "labs.platelets_per_mm3": CountField(
                model,
                "labs.platelets_per_mm3",
                ui.labs_platelets_per_mm3,
                ui.platelets_unit,
                ui.platelets_converted,
            ),
        }
        model.evaluationChanged.connect(self._show_derived)
        self._show_derived()

    def _show_derived(self) -> None:
        ev = self.model.evaluation
        facts = {d.name: d for d in ev.derived} if ev else {}
        for name in RATIOS:
            fact = facts.get(name)
            label: QLabel = getattr(self.ui, name)
            label.setText(f"= {fact.value}" if fact and fact.value != "not documented" else "")
            label.setToolTip(fact.explanation if fact else "")
        case = self.model.case
        if case is not None and case.labs.collected_on is not None:
            days = (case.received_on - case.labs.collected_on).days
            self.ui.collected_age.setText(f"{days} days before the request was received")
        else:
            self.ui.collected_age.setText("")
