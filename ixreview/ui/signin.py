"""The sign-in dialog. It knows nothing about accounts: `attempt` is the workflow's check.

Signals:
    (QDialog's accepted / rejected)
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLineEdit, QWidget

from ixreview.ui.colors import text_style
from ixreview.ui.generated.ui_signin_dialog import Ui_SignInDialog

# attempt(username, password) -> None on success, or the message to show.
Attempt = Callable[[str, str], str | None]
# choose(None) = this computer's record, choose(url) = a team server; before `attempt`.
Choose = Callable[[str | None], None]
THIS_COMPUTER, TEAM_SERVER = "This computer", "Team server"


class SignInDialog(QDialog):
    def __init__(
        self,
        attempt: Attempt,
        parent: QWidget | None = None,
        *,
        choose: Choose | None = None,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_SignInDialog()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]
        self._attempt = attempt
        self._choose = choose
        self._settings = settings
        if choose is not None:
            self._add_record_choice()
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Sign in")
        self.ui.buttons.accepted.connect(self.try_sign_in)
        self.ui.buttons.rejected.connect(self.reject)
        self.ui.message.setWordWrap(True)  # a server's refusal runs to a few lines
        self.ui.username.setFocus()

    # -- where the record is: this computer or a team server (remembered) ---------------
    def _add_record_choice(self) -> None:
        self.record = QComboBox(self)
        self.record.addItems([THIS_COMPUTER, TEAM_SERVER])
        self.server = QLineEdit(self)
        self.server.setPlaceholderText("postgresql://desk_nurse1@dbhost/ixreview")
        self.ui.form.insertRow(0, "&Record:", self.record)
        self.ui.form.insertRow(1, "Server &address:", self.server)
        self.server.textChanged.connect(self.server.setToolTip)  # the whole address
        if self._settings is not None:
            self.server.setText(str(self._settings.value("signin/server", "") or ""))
            self.server.setCursorPosition(0)  # show where it starts: user and host
            if self._settings.value("signin/record", "") == TEAM_SERVER:
                self.record.setCurrentText(TEAM_SERVER)
        self.record.currentTextChanged.connect(self._show_server)
        self._show_server(self.record.currentText())

    def _show_server(self, record: str) -> None:
        self.ui.form.setRowVisible(1, record == TEAM_SERVER)

    def target(self) -> str | None:
        """None for this computer's record, else the team server's address as typed."""
        if self._choose is None or self.record.currentText() != TEAM_SERVER:
            return None
        return self.server.text().strip()

    def _chose(self) -> bool:
        if self._choose is None:
            return True
        target = self.target()
        if target is not None and not target.startswith(("postgresql://", "postgres://")):
            self.show_message(
                "Enter the team server's address, postgresql://USER@HOST/DATABASE "
                "(your administrator has it)."
            )
            return False
        if self._settings is not None:
            self._settings.setValue("signin/record", self.record.currentText())
            if target:
                self._settings.setValue("signin/server", target)
        self._choose(target)
        return True

    def try_sign_in(self) -> bool:
        username, password = self.ui.username.text().strip(), self.ui.password.text()
        if not username or not password:
            self.show_message("Enter your user name and password.")
            return False
        if not self._chose():
            return False
        message = self._attempt(username, password)
        self.ui.password.clear()
        if message:
            self.show_message(message)
            return False
        self.accept()
        return True

    def show_message(self, text: str, *, bad: bool = True) -> None:
        """A sentence for the reviewer (the store's messages start in lower case)."""
        self.ui.message.setText(text[:1].upper() + text[1:])
        self.ui.message.setStyleSheet(text_style("bad") if bad else "")
        self.adjustSize()
