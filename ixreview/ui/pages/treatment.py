"""Page 3: prior regimens (table and timeline), lines of therapy, anthracycline contraindication.

The table edits the `prior_therapies` answer as a whole list; a cell that differs
from the imported request is tinted and its tooltip gives the imported value.
Row errors from the domain ("end 2022-01-01 is before start ...") are listed under
the table by regimen number.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ixreview.domain.case import Setting
from ixreview.domain.drugs import DrugClass, all_names
from ixreview.ui.fields import decorate, show_value
from ixreview.ui.generated.ui_treatment_page import Ui_TreatmentPage
from ixreview.ui.pages.base import ChecklistPage
from ixreview.ui.review_model import ReviewModel
from ixreview.ui.timeline import TimelineWidget

THERAPIES = "prior_therapies"
# (key in the case format, header, choices or None for free text)
# Headers break onto two lines so that every column fits beside the criteria panel.
COLUMNS: list[tuple[str, str, list[tuple[str, Any]] | None]] = [
    ("agent", "Agent", None),
    ("class", "Class\n(unknown agents)", [("", None)] + [(c.value, c.value) for c in DrugClass]),
    ("setting", "Setting", [("", None)] + [(s.value, s.value) for s in Setting]),
    ("start", "Start", None),
    ("end", "Last dose", None),
    (
        "progressed_on_therapy",
        "Progressed\non therapy",
        [("", None), ("yes", True), ("no", False)],
    ),
    ("progression_date", "Progression\ndate", None),
]


def header_words(header: str) -> str:
    """A column's header on one line (accessible names, messages)."""
    return " ".join(header.split())


OVERRIDE_TINT = QColor(230, 140, 0, 70)
ENTERED_TINT = QColor(40, 160, 80, 50)


class TherapyDelegate(QStyledItemDelegate):
    """Agent cells complete from the drug vocabulary; choice cells are combo boxes."""

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        key, header, choices = COLUMNS[index.column()]
        if choices is not None:
            combo = QComboBox(parent)
            combo.setAccessibleName(header_words(header))
            for text, value in choices:
                combo.addItem(text or "not documented", value)
            return combo
        edit = QLineEdit(parent)
        edit.setAccessibleName(header_words(header))
        if key == "agent":
            completer = QCompleter(all_names(), edit)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            edit.setCompleter(completer)
        else:
            edit.setPlaceholderText("YYYY-MM-DD")
        return edit

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        value = index.data(Qt.ItemDataRole.UserRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(value), 0))
        elif isinstance(editor, QLineEdit):
            editor.setText(show_value(value))

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        value = editor.currentData() if isinstance(editor, QComboBox) else editor.text()  # type: ignore[attr-defined]
        model.setData(index, value, Qt.ItemDataRole.UserRole)
        model.setData(index, show_value(value), Qt.ItemDataRole.DisplayRole)


class TreatmentPage(ChecklistPage):
    page = "treatment"
    title = "Treatment history"
    form = Ui_TreatmentPage

    def __init__(self, model: ReviewModel, parent: QWidget | None = None) -> None:
        super().__init__(model, parent)
        self.bind("prior_lines_of_therapy", "anthracycline_contraindicated")
        ui = self.ui
        table = ui.therapies
        table.setAccessibleName("Prior regimens")
        table.setColumnCount(len(COLUMNS))
        table.setHorizontalHeaderLabels([c[1] for c in COLUMNS])
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The agent takes what is left (names are short; the rest must stay visible).
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        for c, (_key, title, _choices) in enumerate(COLUMNS):
            table.horizontalHeaderItem(c).setToolTip(header_words(title))
        table.setItemDelegate(TherapyDelegate(table))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        if model.read_only:
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.itemChanged.connect(self._cell_changed)
        self.badge, self.message = decorate(table)

        buttons = QHBoxLayout(ui.therapy_buttons)
        buttons.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton("Add re&gimen", ui.therapy_buttons)
        self.remove_button = QPushButton("Remo&ve selected regimen", ui.therapy_buttons)
        for b in (self.add_button, self.remove_button):
            b.setEnabled(not model.read_only)
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_selected)

        host = QVBoxLayout(ui.timeline_host)
        host.setContentsMargins(0, 0, 0, 0)
        self.timeline = TimelineWidget(ui.timeline_host)
        host.addWidget(self.timeline)

        self._filling = False
        model.answerChanged.connect(self._answer_changed)
        model.derivedChanged.connect(self._show_findings)
        self._fill()
        self._show_findings()

    # -- the list answer ---------------------------------------------------------------
    def rows(self) -> list[dict[str, Any]]:
        value = self.model.value(THERAPIES)
        return [dict(r) for r in value] if isinstance(value, list) else []

    def set_cell(self, row: int, key: str, value: Any) -> None:
        """Change one cell (what the delegate does; tests call it directly too)."""
        rows = self.rows()
        rows[row][key] = value
        self.model.set_answer(THERAPIES, rows)

    def add_row(self) -> None:
        self.model.set_answer(THERAPIES, [*self.rows(), {"agent": ""}])
        self.ui.therapies.setCurrentCell(len(self.rows()) - 1, 0)

    def remove_selected(self) -> None:
        row = self.ui.therapies.currentRow()
        rows = self.rows()
        if 0 <= row < len(rows):
            del rows[row]
            self.model.set_answer(THERAPIES, rows)

    # -- view ----------------------------------------------------------------------------
    def _imported_rows(self) -> list[dict[str, Any]]:
        value = self.model.imported(THERAPIES)
        return value if isinstance(value, list) else []

    def _fill(self) -> None:
        table = self.ui.therapies
        self._filling = True
        try:
            rows, imported = self.rows(), self._imported_rows()
            table.setRowCount(len(rows))
            for r, row in enumerate(rows):
                before = imported[r] if r < len(imported) else None
                for c, (key, _header, _choices) in enumerate(COLUMNS):
                    value = row.get(key)
                    item = QTableWidgetItem(show_value(value))
                    item.setData(Qt.ItemDataRole.UserRole, value)
                    if before is None:
                        if value not in (None, ""):
                            item.setBackground(QBrush(ENTERED_TINT))
                            item.setToolTip("Entered by the reviewer")
                    elif before.get(key) != value:
                        item.setBackground(QBrush(OVERRIDE_TINT))
                        item.setToolTip(
                            f"Override: the request said “{show_value(before.get(key))}”"
                        )
                    else:
                        item.setToolTip("Imported from the request")
                    table.setItem(r, c, item)
        finally:
            self._filling = False
        rows_shown = max(3, table.rowCount() + 1)
        table.setFixedHeight(
            table.horizontalHeader().height()
            + 4
            + rows_shown * table.verticalHeader().defaultSectionSize()
        )
        self.badge.show_origin(self.model.origin(THERAPIES), self.model.imported(THERAPIES))
        self.timeline.set_case(self.model.case)

    def _answer_changed(self, path: str) -> None:
        if path == THERAPIES:
            self._fill()

    def _cell_changed(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        key = COLUMNS[item.column()][0]
        value = item.data(Qt.ItemDataRole.UserRole)
        if value == self.rows()[item.row()].get(key):
            return
        self.set_cell(item.row(), key, value)

    def _show_findings(self) -> None:
        errors = []
        for f in self.model.errors_for(THERAPIES):
            label = f.path.replace(THERAPIES, "regimen")
            for i in range(len(self.rows())):
                label = label.replace(f"regimen[{i}]", f"regimen {i + 1}")
            errors.append(f"{label}: {f.message}")
        warnings = [f.message for f in self.model.warnings_for(THERAPIES)]
        self.message.show_messages(errors, warnings)
        self.timeline.set_case(self.model.case)
