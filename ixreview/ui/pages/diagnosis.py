"""Page 2: ICD-10-CM codes with completion and official descriptions, extent, response.

Codes are kept exactly as the reviewer adds them; the domain's code check gives
the message under the list ("C50.9" is a category, not a billable code).
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QListWidgetItem, QWidget

from ixreview.domain import icd10
from ixreview.ui.fields import decorate
from ixreview.ui.generated.ui_diagnosis_page import Ui_DiagnosisPage
from ixreview.ui.pages.base import ChecklistPage
from ixreview.ui.review_model import ReviewModel

CODES = "diagnosis.icd10_codes"


class DiagnosisPage(ChecklistPage):
    page = "diagnosis"
    title = "Diagnosis"
    form = Ui_DiagnosisPage

    def __init__(self, model: ReviewModel, parent: QWidget | None = None) -> None:
        super().__init__(model, parent)
        self.bind(
            "diagnosis.extent",
            "diagnosis.no_response_to_preoperative_therapy",
            "diagnosis.breast_cancer_confirmed",
        )
        ui = self.ui
        self._suggestions = QStringListModel(self)
        completer = QCompleter(self._suggestions, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.activated.connect(self._completed)
        ui.code_entry.setCompleter(completer)
        ui.code_entry.textEdited.connect(self._typed)
        ui.code_entry.returnPressed.connect(self.add_typed_code)
        ui.remove_code.clicked.connect(self.remove_selected)
        ui.codes.setAccessibleName("ICD-10-CM codes")
        ui.codes.setMaximumHeight(120)
        self.badge, self.message = decorate(ui.codes)
        model.answerChanged.connect(self._answer_changed)
        model.derivedChanged.connect(self._show_codes)
        self._show_codes()
        for w in (ui.code_entry, ui.remove_code):
            w.setEnabled(not model.read_only)

    def codes(self) -> list[str]:
        value = self.model.value(CODES)
        return list(value) if isinstance(value, list) else []

    def add_code(self, code: str) -> None:
        code = code.strip()
        if code and code not in self.codes():
            self.model.set_answer(CODES, [*self.codes(), code])

    def add_typed_code(self) -> None:
        self.add_code(self.ui.code_entry.text().split(" ")[0])
        self.ui.code_entry.clear()
        self.ui.code_description.clear()

    def remove_selected(self) -> None:
        row = self.ui.codes.currentRow()
        codes = self.codes()
        if 0 <= row < len(codes):
            del codes[row]
            self.model.set_answer(CODES, codes)

    def _completed(self, text: str) -> None:
        self.ui.code_entry.setText(text.split(" ")[0])
        self.add_typed_code()

    def _typed(self, text: str) -> None:
        text = text.strip()
        self._suggestions.setStringList(
            [f"{c.code}  {c.description}" for c in icd10.complete(text, 30)]
            if len(text) >= 2
            else []
        )
        info = icd10.lookup(text) if text else None
        if not text:
            self.ui.code_description.clear()
        elif info is None:
            self.ui.code_description.setText("No such ICD-10-CM code (yet): keep typing.")
        elif not info.billable:
            self.ui.code_description.setText(f"{info.description}: a category, not billable")
        else:
            self.ui.code_description.setText(info.description)

    def _answer_changed(self, path: str) -> None:
        if path == CODES:
            self._show_codes()

    def _show_codes(self) -> None:
        ui = self.ui
        ui.codes.clear()
        errors = {f.path: f.message for f in self.model.errors_for(CODES)}
        for i, code in enumerate(self.codes()):
            info = icd10.lookup(code)
            text = f"{code}: {info.description}" if info else f"{code}: not a valid ICD-10-CM code"
            item = QListWidgetItem(("✖ " if f"{CODES}[{i}]" in errors else "") + text)
            ui.codes.addItem(item)
        self.message.show_messages(list(errors.values()), [])
        self.badge.show_origin(self.model.origin(CODES), self.model.imported(CODES))
