"""The sign-in dialog. It knows nothing about accounts: `attempt` is the workflow's check.

Signals:
    (QDialog's accepted / rejected)
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from ixreview.ui.colors import text_style
from ixreview.ui.generated.ui_signin_dialog import Ui_SignInDialog

# attempt(username, password) -> None on success, or the message to show.
Attempt = Callable[[str, str], str | None]


class SignInDialog(QDialog):
    def __init__(self, attempt: Attempt, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_SignInDialog()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]
        self._attempt = attempt
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Sign in")
        self.ui.buttons.accepted.connect(self.try_sign_in)
        self.ui.buttons.rejected.connect(self.reject)
        self.ui.username.setFocus()

    def try_sign_in(self) -> bool:
        username, password = self.ui.username.text().strip(), self.ui.password.text()
        if not username or not password:
            self.show_message("Enter your user name and password.")
            return False
        message = self._attempt(username, password)
        self.ui.password.clear()
        if message:
            self.show_message(message)
            return False
        self.accept()
        return True

    def show_message(self, text: str) -> None:
        self.ui.message.setText(text)
        self.ui.message.setStyleSheet(text_style("bad"))
