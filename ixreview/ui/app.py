"""Start the desktop app: sign-in window first, everything heavy after.

Only PySide6 and this package's light modules load before the sign-in window
shows; the store (sqlite-utils), letters (reportlab) and signing (pyHanko) load
when first used. Right after the sign-in window is up, the database is opened;
if it has no account yet (first start), the sign-in window gives way to "Create
the first administrator", which can also load the sample requests for practice,
and the new administrator is signed in. `IXREVIEW_STARTUP_PROBE=1` makes the
process print "shown" and exit as soon as the sign-in window is on screen
(benchmarks/bench_startup.py).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from ixreview.ui.signin import SignInDialog

if TYPE_CHECKING:
    from ixreview.ui.account_forms import FirstAdminDialog
    from ixreview.ui.desk import Desk
    from ixreview.ui.idle_lock import IdleWatcher
    from ixreview.ui.main_window import MainWindow


class Session:
    """The app's objects for one run (no globals): desk, main window, idle watcher."""

    def __init__(self, db: Path | str | None) -> None:
        self.db = db
        self.local = db  # this computer's record, when the sign-in window switches back
        self.desk: Desk | None = None
        self.window: MainWindow | None = None
        self.watcher: IdleWatcher | None = None

    def open_desk(self) -> Desk:
        from ixreview.ui.desk import Desk

        if self.desk is None:
            self.desk = Desk.open(self.db)
        return self.desk

    def use(self, server: str | None) -> None:
        """The sign-in window's choice: this computer's record (`--db` or the default
        file) or a team server's URL; a different choice opens that record instead."""
        target = self.local if server is None else server
        if target != self.db:
            if self.desk is not None:
                self.desk.close()
                self.desk = None
            self.db = target

    def attempt(self, username: str, password: str) -> str | None:
        from ixreview.ui.desk import DeskError

        try:
            self.open_desk().sign_in(username, password)
        except DeskError as exc:
            return str(exc)
        return None

    # -- first start ------------------------------------------------------------------------
    def first_admin_dialog(self) -> FirstAdminDialog | None:
        """The "create the first administrator" dialog when the database has no account."""
        from ixreview.ui.account_forms import FirstAdminDialog

        desk = self.open_desk()
        return FirstAdminDialog(desk) if desk.needs_first_admin() else None

    def finish_first_run(self, dialog: FirstAdminDialog) -> str:
        """After the administrator was created: load the samples if asked; what to say."""
        from ixreview.ui.desk import DeskError

        desk = self.open_desk()
        lines = [f"The administrator account {desk.user.username if desk.user else ''} exists."]
        if dialog.load_samples():
            try:
                loaded = desk.load_samples()
                lines.append(
                    f"{sum(1 for s in loaded if s.imported)} sample requests (made-up members) "
                    "are in the work queue for practice."
                )
            except DeskError as exc:
                lines.append(str(exc))
        lines.append(
            "Next: add the reviewers' accounts in Tools > Settings > Reviewer accounts, "
            "and the plan's letterhead in Tools > Settings > Plan and review."
        )
        return "\n\n".join(lines)

    def check_first_run(self, signin: SignInDialog) -> None:
        """Swap the sign-in window for the first-administrator dialog on a new database."""
        from ixreview.ui.desk import DeskError
        from ixreview.workflow.gate import is_server_url  # the store loads next anyway

        remote = is_server_url(self.db)
        if remote:  # up to the connection's timeout: say why the window waits
            signin.show_message("Connecting to the team server…", bad=False)
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            QApplication.processEvents()
        try:
            first = self.first_admin_dialog()
        except DeskError as exc:
            signin.show_message(str(exc))
            return
        finally:
            if remote:
                QApplication.restoreOverrideCursor()
        if remote:
            signin.show_message("", bad=False)
        if first is None:
            return
        signin.hide()
        if first.exec() != QDialog.DialogCode.Accepted:
            signin.reject()
            return
        QMessageBox.information(None, "ixreview is ready", self.finish_first_run(first))
        signin.accept()

    def start_main(self, app: QApplication) -> None:
        from ixreview.ui.idle_lock import IdleWatcher
        from ixreview.ui.main_window import MainWindow
        from ixreview.workflow.idle import IdleLock, idle_minutes_from_settings

        assert self.desk is not None
        self.window = MainWindow(self.desk)
        minutes = idle_minutes_from_settings(
            {"idle_lock_minutes": str(self.desk.setting("idle_lock_minutes", ""))}
        )
        self.watcher = IdleWatcher(IdleLock(minutes), self.window)
        app.installEventFilter(self.watcher)
        self.watcher.lockRequested.connect(self.window.lock)
        # Looked up at call time: a settings change replaces the watcher's IdleLock.
        self.window.unlocked = self._restart_idle_clock  # type: ignore[method-assign]
        self.window.settingsSaved.connect(self.apply_idle_minutes)
        self.window.signedOut.connect(lambda: self.switch_user(app))
        self.window.show()
        QTimer.singleShot(0, self.window.show_sign_in_notice)  # over the window, once

    def switch_user(self, app: QApplication) -> None:
        """After a sign-out: the sign-in window again; the next reviewer gets a fresh main
        window (nothing of the first one's cases stays on screen), or the app ends."""
        if self.window is not None:
            if self.watcher is not None:
                app.removeEventFilter(self.watcher)
            self.window.hide()
            self.window.deleteLater()
            self.window = None
        dialog = SignInDialog(self.attempt)
        if dialog.exec():
            self.start_main(app)
        else:
            app.quit()

    def _restart_idle_clock(self) -> None:
        if self.watcher is not None:
            self.watcher.lock.unlock()

    def apply_idle_minutes(self) -> None:
        """A changed idle-lock time counts from now, without restarting the app."""
        from ixreview.workflow.idle import idle_minutes_from_settings

        if self.desk is None or self.watcher is None:
            return
        minutes = idle_minutes_from_settings(
            {"idle_lock_minutes": str(self.desk.setting("idle_lock_minutes", ""))}
        )
        self.watcher.set_minutes(minutes)


def run(db: Path | str | None = None, argv: list[str] | None = None) -> int:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationName("ixreview")
    app.setOrganizationName("ixreview")
    session = Session(db)
    # Without --db the reviewer chooses this computer or a team server (remembered).
    choose = session.use if db is None else None
    dialog = SignInDialog(session.attempt, choose=choose, settings=QSettings())
    if choose is not None and dialog.target():
        session.use(dialog.target())
    dialog.show()
    if os.environ.get("IXREVIEW_STARTUP_PROBE"):
        QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
        return app.exec()
    QTimer.singleShot(0, lambda: session.check_first_run(dialog))
    if not dialog.exec():
        return 0
    try:
        session.start_main(app)
    except Exception as exc:  # a message box, never a traceback on a reviewer's screen
        QMessageBox.critical(None, "ixreview", f"ixreview could not start: {exc}")
        return 1
    return app.exec()
