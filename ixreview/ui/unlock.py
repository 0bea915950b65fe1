"""The unlock dialog shown over the blank lock screen: same user, password only."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QWidget

from ixreview.ui.colors import text_style
from ixreview.ui.generated.ui_unlock_dialog import Ui_UnlockDialog


class UnlockDialog(QDialog):
    def __init__(
        self, username: str, check: Callable[[str], bool], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_UnlockDialog()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]
        self._check = check
        self.ui.heading.setText(
            f"ixreview locked itself after a period of inactivity. {username}, enter your "
            "password to continue."
        )
        self.ui.buttons.accepted.connect(self.try_unlock)

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
