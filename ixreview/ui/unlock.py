"""The unlock dialog shown over the blank lock screen: the same reviewer's password, or
"Sign in as someone else" (she is signed out; her work was saved as she typed).

Signals:
    switchUser(): "Sign in as someone else" was pressed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from ixreview.ui.colors import text_style
from ixreview.ui.generated.ui_unlock_dialog import Ui_UnlockDialog


class UnlockDialog(QDialog):
    switchUser = Signal()

    def __init__(
        self,
        who: str,
        check: Callable[[str], bool],
        parent: QWidget | None = None,
        *,
        idle: bool = True,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_UnlockDialog()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]
        self._check = check
        why = (
            "ixreview locked itself after a period of inactivity."
            if idle
            else ("ixreview is locked.")
        )
        self.ui.heading.setText(f"{why} {who}, enter your password to continue.")
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Unlock")
        self.other = self.ui.buttons.addButton(
            "Sign in as &someone else", QDialogButtonBox.ButtonRole.ResetRole
        )
        self.other.setAccessibleName("Sign in as someone else")
        self.other.setAutoDefault(False)
        self.other.clicked.connect(self._switch)
        self.ui.buttons.accepted.connect(self.try_unlock)

    def _switch(self) -> None:
        self.ui.password.clear()
        self.accept()
        self.switchUser.emit()

    def try_unlock(self) -> bool:
        ok = self._check(self.ui.password.text())
        self.ui.password.clear()
        if ok:
            self.accept()
        else:
            self.ui.message.setText("That is not your password.")
            self.ui.message.setStyleSheet(text_style("bad"))
        return ok

    def reject(self) -> None:
        """Escape does not unlock: the lock screen stays until the password is given."""
