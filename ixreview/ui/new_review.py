"""File > New empty review: a request that came on paper or by phone.

Asks only for the member's name and ID and the urgency; the Desk makes the
request (a fresh reference) through the store's normal import, and the main
window opens it, every checklist answer then being entered by the reviewer.

Signals: QDialog's accepted / rejected.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from ixreview.ui.colors import retone, text_style
from ixreview.ui.desk import Desk, DeskError
from ixreview.ui.generated.ui_new_review_dialog import Ui_NewReviewDialog

URGENCIES = [("Not documented yet", None), ("Standard", "standard"), ("Expedited", "expedited")]


class NewReviewDialog(QDialog):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.reference: str | None = None
        self.warnings: list[str] = []
        self.ui = Ui_NewReviewDialog()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]
        retone(self)  # the forms' red error labels, for a dark palette
        self.ui.reference.setText("(assigned when created)")
        self.ui.reference.setReadOnly(True)
        for label, value in URGENCIES:
            self.ui.urgency.addItem(label, value)
        for name in ("reference", "first_name", "last_name", "member_id", "urgency"):
            getattr(self.ui, f"{name}_error").setVisible(False)
        ok = self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Create")
        self.ui.buttons.accepted.connect(self.try_create)
        self.ui.buttons.rejected.connect(self.reject)
        self.ui.first_name.setFocus()

    def try_create(self) -> bool:
        ui = self.ui
        if not (ui.last_name.text().strip() or ui.member_id.text().strip()):
            ui.last_name_error.setText("enter the member's last name or member ID")
            ui.last_name_error.setVisible(True)
            return False
        try:
            self.reference, self.warnings = self.desk.new_empty_review(
                first_name=ui.first_name.text(),
                last_name=ui.last_name.text(),
                member_id=ui.member_id.text(),
                urgency=ui.urgency.currentData(),
            )
        except DeskError as exc:
            ui.message.setText(str(exc))
            ui.message.setStyleSheet(text_style("bad"))
            return False
        self.accept()
        return True
