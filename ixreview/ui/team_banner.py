"""The bar above a review another reviewer holds on the team server: who and since when
("In review by Nina Patel, RN since 10:42 (CST)"), and "Take over…", which asks for a
reason (the workflow audits it).

Signals:
    takeOverRequested(str): the reviewer gave a reason to take the review over.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from ixreview.ui.colors import text_style


def bar_row(bar: QFrame, accessible_name: str, object_name: str = "") -> QHBoxLayout:
    """Make `bar` one of the review's bars above the checklist (a panel that keeps its
    own height); returns its row to fill."""
    if object_name:
        bar.setObjectName(object_name)
    bar.setFrameShape(QFrame.Shape.StyledPanel)
    bar.setAccessibleName(accessible_name)
    bar.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
    return QHBoxLayout(bar)


class TeamBanner(QFrame):
    takeOverRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = bar_row(self, "In review by another reviewer", "team_banner")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setStyleSheet(text_style("warn", extra="font-weight: bold;"))
        self.take_over_button = QPushButton("Ta&ke over…", self)
        self.take_over_button.setAccessibleName("Take over this review")
        self.take_over_button.clicked.connect(self.ask_reason)
        row.addWidget(self.label, 1)
        row.addWidget(self.take_over_button)
        self.words = ""
        self.setVisible(False)

    def show_holder(self, words: str | None) -> None:
        """Who holds the review ("In review by … since …"); None hides the bar."""
        self.words = words or ""
        note = f"{words}. You can read it; to work on it, take it over." if words else ""
        self.label.setText(note)
        self.setVisible(bool(words))

    def ask_reason(self) -> None:
        reason, ok = QInputDialog.getText(
            self,
            "Take over this review",
            f"{self.words}.\nWhy do you take it over? (recorded)",
            QLineEdit.EchoMode.Normal,
        )
        if ok:
            self.takeOverRequested.emit(reason)
