"""History search results, fetched on demand: the table stays fast with a million rows.

`HistoryModel` holds only the pages the view has scrolled to; `canFetchMore` /
`fetchMore` ask the store for the next keyset page (the cursor is the store's).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ixreview.ui.queue_model import state_words

REFERENCE_ROLE = Qt.ItemDataRole.UserRole + 2
PAGE = 100
# (header, attribute of the store's HistoryRow)
COLUMNS = [
    ("Received", "received_on"),
    ("Reference", "reference"),
    ("Member", "member_name"),
    ("Member ID", "member_id"),
    ("Birth date", "birth_date"),
    ("State", "state"),
    ("Decision", "decision_word"),
    ("Decided by", "decider"),
    ("Policy", "policy_id"),
]
Fetch = Callable[[str | None, int], tuple[list[Any], str | None]]


class HistoryModel(QAbstractTableModel):
    """`fetch(after_cursor, limit) -> (rows, next_cursor)` supplies the pages."""

    def __init__(self, fetch: Fetch, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._fetch = fetch
        self._rows: list[Any] = []
        self._cursor: str | None = None
        self._more = True
        self.pages_fetched = 0
        self.names: Callable[[int], str] | None = None  # user id -> full name, credentials

    def reset(self, fetch: Fetch) -> None:
        self.beginResetModel()
        self._fetch, self._rows, self._cursor, self._more = fetch, [], None, True
        self.pages_fetched = 0
        self.endResetModel()
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def row(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        if parent.isValid() or not self._more:
            return
        rows, cursor = self._fetch(self._cursor, PAGE)
        self.pages_fetched += 1
        self._more = cursor is not None
        self._cursor = cursor
        if rows:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][0]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            attribute = COLUMNS[index.column()][1]
            value = getattr(row, attribute, None)
            if value is None:
                return ""
            if attribute == "decider" and self.names is not None and row.decider_id is not None:
                return self.names(row.decider_id)  # "Nina Okafor, RN", never the user name
            return state_words(value) if attribute == "state" else str(value)
        if role == REFERENCE_ROLE:
            return row.reference
        return None
