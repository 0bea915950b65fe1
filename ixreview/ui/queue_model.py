"""The work queue as a model/view table: member, reference, urgency, state, time left.

Overdue rows are red (a red readable on the current palette). The state column
shows the reviewer's words ("Referred to physician"), never the store's names.
Sorting uses `SORT_ROLE` (time left sorts by seconds, not by its words);
`QueueProxy` filters on any column's shown text; `QueuePage` is the Work queue tab
(a filter over the table). `QueueFollower` brings other
desks' changes (the team server's watcher, on its own thread) to the GUI thread as
one debounced `changed`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from ixreview.domain.folding import fold
from ixreview.ui.colors import tone
from ixreview.workflow.zone import shown

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
REFERENCE_ROLE = Qt.ItemDataRole.UserRole + 2
HEADERS = ["Member", "Reference", "Urgency", "State", "Time left"]
# The review states in the reviewer's words (the store's names are internal).
STATE_WORDS = {
    "draft": "New / in review",
    "referred": "Referred to physician",
    "pended": "Pended for information",
    "decided": "Decided",
    "cancelled": "Cancelled",
}


def state_words(state: str) -> str:
    """A review state as the reviewer reads it (an unknown one as it is)."""
    return STATE_WORDS.get(str(state), str(state))


@dataclass(frozen=True)
class QueueEntry:
    reference: str
    member: str
    urgency: str
    state: str
    due_at: datetime


def time_left(due: datetime, now: datetime) -> tuple[str, float, bool]:
    """(words, seconds left, overdue) from the workflow's decision clock."""
    from ixreview.workflow.clock import status

    s = status(due, now)
    return s.label, s.remaining.total_seconds(), s.overdue


class QueueModel(QAbstractTableModel):
    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._entries: list[QueueEntry] = []
        self._now = datetime.now(UTC)
        self.zone: tzinfo | None = None  # the plan's time zone (None: the computer's)

    def set_entries(self, entries: list[QueueEntry], now: datetime | None = None) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self._now = now or datetime.now(UTC)
        self.endResetModel()

    def entry(self, row: int) -> QueueEntry:
        return self._entries[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        if not index.isValid():
            return None
        e = self._entries[index.row()]
        words, seconds, overdue = time_left(e.due_at, self._now)
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            values: list[object] = [e.member, e.reference, e.urgency, state_words(e.state), words]
            if role == SORT_ROLE and col == 4:
                return seconds
            return values[col]
        if role == Qt.ItemDataRole.ForegroundRole and overdue:
            return tone("bad")  # red that reads on the light and the dark palette
        if role == REFERENCE_ROLE:
            return e.reference
        if role == Qt.ItemDataRole.ToolTipRole and col == 4:
            return f"Decision due {shown(e.due_at, self.zone)}"
        return None


class QueueProxy(QSortFilterProxyModel):
    """Sort by `SORT_ROLE`; filter on the text of every column, accent- and
    case-insensitively like History ("asa" finds Åsa Söderström)."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.setSortRole(SORT_ROLE)
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._folded = ""

    def set_filter_text(self, text: str) -> None:
        self.beginFilterChange()
        self._folded = fold(text.strip())
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(
        self,
        source_row: int,
        source_parent: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        if not self._folded:  # no typed filter: Qt's own (setFilterFixedString)
            return super().filterAcceptsRow(source_row, source_parent)
        model = self.sourceModel()
        cells = (
            str(model.index(source_row, col, source_parent).data() or "")
            for col in range(model.columnCount())
        )
        return self._folded in fold(" ".join(cells))


def search_row(
    parent: QWidget, label_text: str, accessible: str, placeholder: str
) -> tuple[QHBoxLayout, QLineEdit]:
    """A labelled text box in a row (the label's mnemonic focuses the box)."""
    row = QHBoxLayout()
    label = QLabel(label_text, parent)
    box = QLineEdit(parent)
    box.setAccessibleName(accessible)
    box.setPlaceholderText(placeholder)
    label.setBuddy(box)
    row.addWidget(label)
    row.addWidget(box, 1)
    return row, box


class QueuePage(QWidget):
    """The Work queue tab: a filter over the table, the most urgent first.

    Signals:
        opened(str): the reviewer activated a request (Enter or a double click).
    """

    opened = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        row, self.filter = search_row(
            self, "Fi&lter:", "Filter the work queue", "member, reference, state…"
        )
        layout.addLayout(row)
        self.model = QueueModel(self)
        self.proxy = QueueProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter.textChanged.connect(self.proxy.set_filter_text)
        self.view = QTableView(self)
        self.view.setObjectName("queue_view")
        self.view.setAccessibleName("Work queue")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(4, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.activated.connect(lambda index: self.opened.emit(str(index.data(REFERENCE_ROLE))))
        layout.addWidget(self.view, 1)

    def show_entries(self, entries: list[QueueEntry], zone: tzinfo | None) -> None:
        self.model.zone = zone
        self.model.set_entries(entries)
        self.view.resizeColumnsToContents()
        # The first request is current, so Enter opens it (the keyboard starts in the queue).
        if not self.view.currentIndex().isValid() and self.proxy.rowCount():
            self.view.setCurrentIndex(self.proxy.index(0, 0))


DEBOUNCE_MS = 250  # a burst of changes (a decision touches several rows): one refresh


class QueueFollower(QObject):
    """Other desks' changes as one `changed` on the GUI thread, at most one per
    DEBOUNCE_MS. The watcher calls back on its own thread; `noticed` crosses to this
    object's thread by a queued connection. Nothing polls: the watcher waits on the
    server's notifications.

    Signals:
        changed(): refresh the queue (and what else follows other desks).
    """

    noticed = Signal()  # emitted on the watcher's thread
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.watcher: Any = None  # workflow.teamwork.QueueWatcher while following
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.changed)
        self.noticed.connect(self._noticed, Qt.ConnectionType.QueuedConnection)

    def start(self, watch: Callable[[Callable[[object], None]], Any]) -> bool:
        """Follow with `watch(on_change)` (the desk's); False when there is nothing to
        follow (this computer's own record)."""
        if self.watcher is None:
            self.watcher = watch(lambda _change: self.noticed.emit())
        return self.watcher is not None

    def stop(self) -> None:
        watcher, self.watcher = self.watcher, None
        if watcher is not None:
            watcher.stop()
        self._debounce.stop()

    @Slot()
    def _noticed(self) -> None:
        if self.watcher is None:  # arrived after stop(): the desk may be closed already
            return
        if not self._debounce.isActive():  # the first change of a burst starts the wait
            self._debounce.start()
