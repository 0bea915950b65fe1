"""The History tab: a search over past requests (member ID, name, birth date or
reference), results in keyset pages that load on scroll, and what a past case offers:
Open, "Reprint letter" (when it has a letter) and, for an approval with an
authorization number, "Start continuation request".

Signals:
    opened(str): the reviewer asked to open a past request (Enter, a double click, Open).
    reprintRequested(str): Reprint letter for the selected request.
    continuationRequested(str): Start continuation request from the selected approval.
    status(str): a line for the window's status bar (how many results are shown).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTableView, QVBoxLayout, QWidget

from ixreview.ui.desk import Desk, DeskError
from ixreview.ui.history_model import REFERENCE_ROLE, HistoryModel
from ixreview.ui.queue_model import search_row


class HistoryPage(QWidget):
    opened = Signal(str)
    reprintRequested = Signal(str)
    continuationRequested = Signal(str)
    status = Signal(str)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        layout = QVBoxLayout(self)
        row, self.box = search_row(
            self, "Se&arch:", "Search history", "member ID, name, birth date or reference"
        )
        go = QPushButton("Fi&nd", self)
        go.clicked.connect(self.search)
        self.box.returnPressed.connect(self.search)
        row.addWidget(go)
        layout.addLayout(row)
        self.model = HistoryModel(lambda _after, _limit: ([], None), self)
        self.model.names = desk.person
        self.view = QTableView(self)
        self.view.setObjectName("history_view")
        self.view.setAccessibleName("History results")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.activated.connect(lambda index: self.opened.emit(str(index.data(REFERENCE_ROLE))))
        layout.addWidget(self.view, 1)
        buttons = QHBoxLayout()
        self.open_button = QPushButton("&Open", self)
        self.reprint_button = QPushButton("Re&print letter…", self)
        self.continue_button = QPushButton("Start &continuation request", self)
        for button, signal in (
            (self.open_button, self.opened),
            (self.reprint_button, self.reprintRequested),
            (self.continue_button, self.continuationRequested),
        ):
            button.clicked.connect(self._with_selection(signal.emit))
            button.setEnabled(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.view.selectionModel().selectionChanged.connect(self._selected)

    def selected_reference(self) -> str | None:
        rows = self.view.selectionModel().selectedRows()
        return str(rows[0].data(REFERENCE_ROLE)) if rows else None

    def _with_selection(self, action: Callable[[str], object]) -> Callable[[], None]:
        def act() -> None:
            if reference := self.selected_reference():
                action(reference)

        return act

    def _selected(self) -> None:
        reference = self.selected_reference()
        past = None
        if reference:
            try:
                past = self.desk.past_case(reference)
            except DeskError:
                past = None
        self.open_button.setEnabled(reference is not None)
        self.reprint_button.setEnabled(bool(past and past.letters))
        self.continue_button.setEnabled(bool(past and past.can_continue))

    def search(self) -> None:
        self.model.reset(self.desk.history_fetcher(self.box.text()))
        self._selected()
        self.view.resizeColumnsToContents()
        self.status.emit(f"{self.model.rowCount()} shown (more load on scroll)")

    def focus_search(self) -> None:
        self.box.setFocus()
        self.box.selectAll()
