"""The main window: queue and history tabs (QueuePage, HistoryPage), reviews, letters, lock.

Menus carry every action with a shortcut (Ctrl+N new empty review, Ctrl+O
import, Ctrl+F search, Ctrl+PgDown/PgUp next/previous step, Ctrl+D decide,
Ctrl+L show letter, Ctrl+Shift+P reprint, Ctrl+Shift+N start continuation,
Ctrl+Shift+Space next case). Case files can be dropped on the window. On a team
server a review opened here is claimed while its tab is open, another reviewer's
opens read-only under a banner, and the queue follows other desks (team_banner).
A past case (opened from the history, read only) offers "Reprint letter" and, for an
approval, "Start continuation request", which pre-fills a new request linked to the
authorization. Printing and saving a letter are audited through the Desk. Window
geometry, splitters and column widths persist in QSettings. When the idle lock
fires, the content is swapped for a blank screen (no PHI stays visible) until the
same user's password is given.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from ixreview.ui.colors import text_style
from ixreview.ui.desk import Desk, DeskError
from ixreview.ui.history_page import HistoryPage
from ixreview.ui.queue_model import QueuePage
from ixreview.ui.review_tab import ReviewTab
from ixreview.ui.team_banner import TeamActions
from ixreview.ui.words import reviewer_name, reviewer_with_role


class MainWindow(QMainWindow):
    """Signals: settingsSaved(): an administrator's settings were stored (idle lock etc.);
    signedOut(): the reviewer signed out (her work is saved as she types); the app
    asks who signs in next."""

    settingsSaved = Signal()
    signedOut = Signal()  # File > Sign out, or "Sign in as someone else" on the lock screen

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        user = desk.user
        who = reviewer_with_role(user) if user else ""
        self.setWindowTitle(f"ixreview: {who}")
        self.setAcceptDrops(True)
        self.settings = QSettings("ixreview", "ixreview")

        self.tabs = QTabWidget(self)
        self.tabs.setTabsClosable(True)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        # A message belongs to the tab it was said on, not to the next one.
        self.tabs.currentChanged.connect(lambda _i: self.statusBar().clearMessage())
        self.tabs.setAccessibleName("Work area")
        self.tabs.addTab(self._make_queue(), "Work &queue")
        self.tabs.addTab(self._make_history(), "&History")
        for i in range(2):
            self.tabs.tabBar().setTabButton(i, self.tabs.tabBar().ButtonPosition.RightSide, None)

        self.lock_screen = QLabel("ixreview is locked.", self)
        self.lock_screen.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.lock_screen.setAccessibleName("Locked")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.tabs)
        self.stack.addWidget(self.lock_screen)
        self.setCentralWidget(self.stack)

        self.save_status = QLabel("", self)
        self.save_status.setAccessibleName("Save status")
        self.statusBar().addPermanentWidget(self.save_status)
        self.team = TeamActions(self)  # Next case, claims changing hands, other desks
        self._make_menus()
        from ixreview.ui.pas_actions import install_pas_actions

        self.pas_actions = install_pas_actions(self)  # File: PAS request in, response out
        self.refresh_queue()
        self._restore_geometry()
        self.queue_view.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- queue ----------------------------------------------------------------------------
    def _make_queue(self) -> QWidget:
        page = self.queue_page = QueuePage(self)
        page.opened.connect(self.open_review)
        self.queue_model, self.queue_proxy = page.model, page.proxy
        self.queue_view, self.queue_filter = page.view, page.filter
        return page

    def refresh_queue(self) -> None:
        try:
            self.queue_page.show_entries(self.desk.queue(), self.desk.zone())
        except DeskError as exc:
            self.statusBar().showMessage(str(exc))

    # -- history --------------------------------------------------------------------------
    def _make_history(self) -> QWidget:
        page = self.history_page = HistoryPage(self.desk, self)
        page.opened.connect(self.open_review)
        page.reprintRequested.connect(self.reprint)
        page.continuationRequested.connect(self.start_continuation)
        page.status.connect(self.statusBar().showMessage)
        self.history_box, self.history_model, self.history_view = page.box, page.model, page.view
        return page

    def search_history(self) -> None:
        self.history_page.search()

    # -- reviews --------------------------------------------------------------------------
    def open_review(self, reference: str) -> ReviewTab | None:
        for i in range(2, self.tabs.count()):
            tab = self.tabs.widget(i)
            if isinstance(tab, ReviewTab) and tab.reference == reference:
                self.tabs.setCurrentIndex(i)
                return tab
        try:
            review = self.desk.open_claimed(reference)  # another reviewer's: read-only
        except DeskError as exc:
            QMessageBox.warning(self, "Cannot open", str(exc))
            return None
        tab = ReviewTab(self.desk, review, self)
        tab.reopenRequested.connect(self.team.reopen)
        tab.saved.connect(self._saved)
        tab.saveFailed.connect(self._save_failed)
        tab.decided.connect(self._decided)
        tab.reprintRequested.connect(self.reprint)
        tab.continuationRequested.connect(self.start_continuation)
        title = reference + (" (read-only)" if review.read_only else "")
        self.tabs.addTab(tab, title)
        self.tabs.setCurrentWidget(tab)
        state = self.settings.value("checklist/splitter")
        if isinstance(state, QByteArray):
            tab.checklist.splitter.restoreState(state)
        first = tab.checklist.pages[0].first_focus()  # "Confirm this page", if it may be
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        return tab

    def current_review(self) -> ReviewTab | None:
        tab = self.tabs.currentWidget()
        return tab if isinstance(tab, ReviewTab) else None

    def close_tab(self, index: int) -> None:
        tab = self.tabs.widget(index)
        if isinstance(tab, ReviewTab):
            self.settings.setValue("checklist/splitter", tab.checklist.splitter.saveState())
            tab.release()
            self.tabs.removeTab(index)
            tab.deleteLater()

    def _saved(self, hhmmss: str) -> None:
        self.save_status.setText(f"Saved {hhmmss}")
        self.save_status.setStyleSheet("")

    def _save_failed(self, why: str) -> None:
        self.save_status.setText("NOT saved")
        self.save_status.setStyleSheet(text_style("bad", extra="font-weight: bold;"))
        QMessageBox.warning(self, "Not saved", why)

    def _decided(self, reference: str, action: str) -> None:
        self.refresh_queue()
        self.statusBar().showMessage(f"{reference}: {action} recorded")
        if action in ("approve", "deny", "pend"):
            self.show_letter(reference)

    def show_letter(self, reference: str, *, reprint: bool = False) -> None:
        """The request's latest signed letter in the preview; print and save are audited."""
        from ixreview.ui.letter_preview import LetterError, LetterPreview

        try:
            letters = self.desk.letter_records(reference)
        except DeskError as exc:
            QMessageBox.warning(self, "No letter", str(exc))
            return
        if not letters:
            self.statusBar().showMessage(f"{reference}: no letter on record")
            return
        letter = letters[-1]
        note = (
            f"Reprint of the {letter.kind.replace('_', ' ')} letter signed "
            f"{self.desk.shown(letter.signed_at)} (the signed original, unchanged)."
            if reprint
            else ""
        )
        try:
            self.preview = LetterPreview(letter.pdf, reference, self, note=note)
        except LetterError as exc:
            QMessageBox.warning(self, "Letter", str(exc))
            return
        self.preview.printed.connect(
            lambda: self.desk.record_letter_output(letter, "printed", reprint=reprint)
        )
        self.preview.saved.connect(
            lambda _path: self.desk.record_letter_output(letter, "exported", reprint=reprint)
        )
        self.preview.show()

    def reprint(self, reference: str) -> None:
        self.show_letter(reference, reprint=True)

    def start_continuation(self, reference: str) -> ReviewTab | None:
        """A new continuation request pre-filled from the approval, opened for review."""
        try:
            new_reference, warnings = self.desk.start_continuation(reference)
        except DeskError as exc:
            QMessageBox.warning(self, "No continuation", str(exc))
            return None
        self.refresh_queue()
        tab = self.open_review(new_reference)
        if tab is not None:
            tab.show_import_notes(warnings)
        self.statusBar().showMessage(
            f"{new_reference}: continuation of {reference}; enter the new labs, urgency, "
            "toxicity and progression"
            + (f" ({len(warnings)} import notes, shown above the checklist)" if warnings else "")
        )
        return tab

    def new_empty_review(self) -> ReviewTab | None:
        from ixreview.ui.new_review import NewReviewDialog

        dialog = NewReviewDialog(self.desk, self)
        if not dialog.exec() or dialog.reference is None:
            return None
        self.refresh_queue()
        return self.open_review(dialog.reference)

    def load_samples(self) -> int:
        """File > Load sample requests: the shipped practice cases into the queue."""
        try:
            loaded = self.desk.load_samples()
        except DeskError as exc:
            QMessageBox.warning(self, "Samples", str(exc))
            return 0
        self.refresh_queue()
        count = sum(1 for s in loaded if s.imported)
        self.statusBar().showMessage(
            f"{count} sample requests loaded for practice"
            + (f" ({len(loaded) - count} were already here)" if count < len(loaded) else "")
        )
        return count

    # -- import ---------------------------------------------------------------------------
    def import_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Import case", "", "Case files or PAS Bundles (*.json)"
        )
        if path:
            self.import_path(Path(path))

    def import_path(self, path: Path) -> str | None:
        try:
            reference, warnings = self.desk.import_file(path)
        except DeskError as exc:
            QMessageBox.warning(self, "Not imported", str(exc))
            return None
        self.refresh_queue()
        tab = self.open_review(reference)
        self._show_notes(reference, tab, warnings)
        return reference

    def _show_notes(self, reference: str, tab: ReviewTab | None, notes: list[str]) -> None:
        """Import notes in the review's banner (until dismissed) and the status bar:
        never a modal box, which would stop the reviewer before she sees the case."""
        if tab is not None:
            tab.show_import_notes(notes)
        n = len(notes)
        self.statusBar().showMessage(
            f"{reference} imported"
            + (f" with {n} note{'s' if n > 1 else ''} (shown above the checklist)" if n else "")
        )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and all(u.toLocalFile().endswith(".json") for u in urls):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            self.import_path(Path(url.toLocalFile()))

    def show_sign_in_notice(self) -> None:
        """What changed since this reviewer last signed in (e.g. the pinned trust root),
        once, after the sign-in; nothing when there is nothing to say."""
        notice = self.desk.session.notice if self.desk.session is not None else None
        if notice:
            QMessageBox.information(self, "Since you last signed in", notice)

    # -- lock -----------------------------------------------------------------------------
    def lock(self, *, idle: bool = True) -> None:
        """Hide every PHI view; only the same user's password brings them back, or
        "Sign in as someone else" (her work is saved as she types) signs her out."""
        from ixreview.ui.unlock import UnlockDialog

        self.stack.setCurrentWidget(self.lock_screen)
        self.setWindowTitle("ixreview: locked")
        self.statusBar().clearMessage()  # no case's message on the lock screen
        self.desk.record_lock()
        for w in self.findChildren(QWidget):
            if w.isWindow() and w is not self and w.isVisible():
                w.hide()  # letter previews and dialogs hold PHI too
        user = self.desk.user
        who = reviewer_name(user) if user else ""
        self.unlock_dialog = UnlockDialog(who, self._unlock_with, self, idle=idle)
        self.unlock_dialog.switchUser.connect(self.sign_out)
        self.unlock_dialog.open()

    def lock_now(self) -> None:
        """Tools > Lock now: a lock by hand (the screen does not blame inactivity)."""
        self.lock(idle=False)

    def sign_out(self) -> None:
        """File > Sign out: close the reviews (every change is already saved), end the
        session on record, and hand over to whoever signs in next."""
        from ixreview.workflow import accounts

        self.team.stop()
        for i in range(self.tabs.count() - 1, 1, -1):
            self.close_tab(i)
        for w in self.findChildren(QWidget):
            if w.isWindow() and w is not self and w.isVisible():
                w.hide()
        if self.desk.session is not None:
            accounts.sign_out(self.desk.store, self.desk.session)
        self.desk.session, self.desk.user = None, None
        self.signedOut.emit()

    def _unlock_with(self, password: str) -> bool:
        if not self.desk.check_password(password):
            return False
        self.stack.setCurrentWidget(self.tabs)
        user = self.desk.user
        self.setWindowTitle(f"ixreview: {reviewer_with_role(user)}" if user else "ixreview")
        self.unlocked()
        return True

    def unlocked(self) -> None:
        """Hook for the idle watcher to restart its clock."""

    def is_locked(self) -> bool:
        return self.stack.currentWidget() is self.lock_screen

    # -- menus, settings, geometry ------------------------------------------------------------
    def _make_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("&File")
        new = QKeySequence.StandardKey.New
        self._action(file, "&New empty review…", new, self.new_empty_review)
        self._action(file, "Ne&xt case", QKeySequence("Ctrl+Shift+Space"), self.team.next_case)
        self._action(file, "&Import case…", QKeySequence.StandardKey.Open, self.import_dialog)
        self._action(file, "Load &sample requests", QKeySequence(), self.load_samples)
        self._action(file, "&Refresh queue", QKeySequence.StandardKey.Refresh, self.refresh_queue)
        file.addSeparator()
        self._action(file, "Sign ou&t", QKeySequence(), self.sign_out)
        self._action(file, "&Quit", QKeySequence.StandardKey.Quit, self.close)
        review = bar.addMenu("&Review")
        self._action(review, "&Next step", QKeySequence("Ctrl+PgDown"), self._next_step)
        self._action(review, "&Previous step", QKeySequence("Ctrl+PgUp"), self._previous_step)
        self._action(review, "&Decide…", QKeySequence("Ctrl+D"), self._to_decision)
        self._action(review, "Show &letter", QKeySequence("Ctrl+L"), self._show_current_letter)
        self._action(
            review, "&Reprint letter…", QKeySequence("Ctrl+Shift+P"), self._reprint_current
        )
        self._action(
            review,
            "Start &continuation request",
            QKeySequence("Ctrl+Shift+N"),
            self._continue_current,
        )
        history = bar.addMenu("Hi&story")
        self._action(history, "&Search…", QKeySequence.StandardKey.Find, self.focus_search)
        tools = bar.addMenu("&Tools")
        settings = self._action(tools, "&Settings…", QKeySequence("Ctrl+,"), self.edit_settings)
        settings.setEnabled(self.desk.is_admin)
        self._action(tools, "&Lock now", QKeySequence("Ctrl+Shift+L"), self.lock_now)
        tools.addSeparator()
        self._action(tools, "Policy &impact…", QKeySequence(), self.policy_impact)
        self._action(tools, "&Metrics…", QKeySequence(), self.show_metrics)

    def _action(
        self,
        menu: QMenu,
        text: str,
        keys: QKeySequence | QKeySequence.StandardKey,
        slot: Callable[[], object],
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcut(keys)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _next_step(self) -> None:
        if tab := self.current_review():
            tab.checklist.next_step()

    def _previous_step(self) -> None:
        if tab := self.current_review():
            tab.checklist.previous_step()

    def _to_decision(self) -> None:
        if tab := self.current_review():
            tab.checklist.go_to(5)

    def _show_current_letter(self) -> None:
        if tab := self.current_review():
            self.show_letter(tab.reference)

    def _current_or_selected(self) -> str | None:
        if tab := self.current_review():
            return tab.reference
        return self.history_page.selected_reference() if self.tabs.currentIndex() == 1 else None

    def _reprint_current(self) -> None:
        if reference := self._current_or_selected():
            self.reprint(reference)

    def _continue_current(self) -> None:
        if reference := self._current_or_selected():
            self.start_continuation(reference)

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(1)
        self.history_page.focus_search()

    def policy_impact(self) -> None:
        """Tools > Policy impact (a window of its own; the replay runs off this thread)."""
        from ixreview.ui.impact_dialog import ImpactDialog

        ImpactDialog(self.desk, self).show()

    def show_metrics(self) -> None:
        from ixreview.ui.metrics_dialog import MetricsDialog

        dialog = MetricsDialog(self.desk, self)
        dialog.show()
        dialog.refresh()

    def edit_settings(self) -> None:
        from ixreview.ui.policies import policy_choices
        from ixreview.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.desk.settings_form(), policy_choices(), self, desk=self.desk)
        if dialog.exec():
            self.apply_settings(dialog.values())

    def apply_settings(self, values: dict[str, object]) -> bool:
        """Store the settings; they take effect at once (the idle lock's minutes too)."""
        try:
            self.desk.save_settings_form(values)
        except (DeskError, ValueError) as exc:
            QMessageBox.warning(self, "Settings not saved", str(exc))
            return False
        self.statusBar().showMessage("Settings saved")
        self.settingsSaved.emit()
        return True

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("main/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 880)
        columns = self.settings.value("queue/columns")
        if isinstance(columns, QByteArray):
            self.queue_view.horizontalHeader().restoreState(columns)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.team.follow()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.team.stop()
        for i in range(self.tabs.count() - 1, 1, -1):
            tab = self.tabs.widget(i)
            if isinstance(tab, ReviewTab):
                tab.release()
        self.settings.setValue("main/geometry", self.saveGeometry())
        self.settings.setValue("queue/columns", self.queue_view.horizontalHeader().saveState())
        if tab := self.current_review():
            self.settings.setValue("checklist/splitter", tab.checklist.splitter.saveState())
        super().closeEvent(event)
