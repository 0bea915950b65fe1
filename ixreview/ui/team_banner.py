"""Working side by side on screen. `TeamBanner`: the bar above a review another
reviewer holds on the team server, who and since when ("In review by Nina Patel, RN
since 10:42 (CST)"), and "Take over…", which asks for a reason (the workflow audits
it). `TeamActions`: the main window's File > Next case, a review opened anew when
its claim changes hands, and the work queue following other desks' changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from ixreview.ui.colors import text_style
from ixreview.ui.desk_base import DeskError
from ixreview.ui.queue_model import QueueFollower

if TYPE_CHECKING:
    from ixreview.ui.main_window import MainWindow
    from ixreview.ui.review_tab import ReviewTab


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
    """Signals: takeOverRequested(str): the reviewer gave a reason to take it over."""

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


class TeamActions(QObject):
    """The main window's part in working side by side. On this computer's own record
    Next case opens the most urgent open request and nothing is followed."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.follower = QueueFollower(self)  # started when the window shows
        self.follower.changed.connect(self.others_changed)

    def follow(self) -> None:
        """Follow other desks' changes (team server; once, however often it shows)."""
        if not self.window.desk.on_team_server or self.follower.watcher is not None:
            return
        try:
            self.follower.start(self.window.desk.watch_queue)
        except DeskError as exc:
            self.window.statusBar().showMessage(str(exc))

    def stop(self) -> None:
        self.follower.stop()

    def others_changed(self) -> None:
        """Another desk changed something: the queue, and each open review whose claim
        changed hands (taken over: read-only here; freed: open for work here)."""
        from ixreview.ui.review_tab import ReviewTab

        window = self.window
        window.refresh_queue()
        current = window.tabs.currentWidget()
        claimed = [window.tabs.widget(i) for i in range(2, window.tabs.count())]
        for tab in claimed:
            if not isinstance(tab, ReviewTab) or not (tab.review.held_by or tab.lease.isActive()):
                continue  # a past case, or this computer's own record
            try:
                now = window.desk.held_by(tab.reference)
            except DeskError:
                continue
            if now != tab.review.held_by:
                tab.reopenRequested.emit(tab.reference)
        if current is not None and window.tabs.indexOf(current) >= 0:
            window.tabs.setCurrentWidget(current)  # a reopened tab does not take the focus

    def next_case(self) -> ReviewTab | None:
        """File > Next case: the most urgent open request nobody else holds."""
        window = self.window
        try:
            reference = window.desk.next_case()
        except DeskError as exc:
            QMessageBox.warning(window, "Next case", str(exc))
            return None
        if reference is None:
            window.statusBar().showMessage("No open request is waiting")
            return None
        window.refresh_queue()
        return window.open_review(reference)

    def reopen(self, reference: str) -> None:
        """The claim changed hands: the review's tab anew (editable after a take-over,
        read-only under the banner when another reviewer took it)."""
        from ixreview.ui.review_tab import ReviewTab

        window = self.window
        for i in range(2, window.tabs.count()):
            tab = window.tabs.widget(i)
            if isinstance(tab, ReviewTab) and tab.reference == reference:
                window.close_tab(i)
                break
        window.open_review(reference)
