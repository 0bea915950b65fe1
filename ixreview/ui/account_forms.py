"""Account dialogs: the first administrator (first start) and "add an account" (settings).

Both are views: every check and every write is the Desk's (which calls
`ixreview.workflow`). As the user types, each field's problem is shown under it
in words (the password policy's own messages, the user-name rule, the NPI check);
OK stays disabled while any field has a problem or a required field is empty.
A refusal from the workflow that names a field lands under that field too.

Signals: QDialog's accepted / rejected.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QLineEdit, QWidget

from ixreview.ui.colors import retone, text_style
from ixreview.ui.desk import Desk, DeskError
from ixreview.ui.generated.ui_add_account_dialog import Ui_AddAccountDialog
from ixreview.ui.generated.ui_first_admin_dialog import Ui_FirstAdminDialog

ROLES = [
    ("Nurse reviewer", "nurse_reviewer"),
    ("Physician reviewer (medical director)", "physician_reviewer"),
    ("Administrator", "administrator"),
]
CREDENTIALS = {
    "nurse_reviewer": ["RN", "PharmD"],
    "physician_reviewer": ["MD", "DO"],
    "administrator": ["", "RN", "MD", "DO", "PharmD"],
}


class _FieldForm(QDialog):
    """Shared behaviour: live per-field problems, OK gating, refusals at the field."""

    FIELDS: tuple[str, ...] = ()
    REQUIRED: tuple[str, ...] = ()

    def _setup(self, ui: Any) -> None:
        self.ui = ui
        self._touched: set[str] = set()
        # Spare height goes below the fields, not between the heading and the form.
        ui.layout.insertStretch(ui.layout.indexOf(ui.message), 1)
        self.ok_button = ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ui.buttons.accepted.connect(self.submit)
        ui.buttons.rejected.connect(self.reject)
        for name in self.FIELDS:
            widget = getattr(ui, name)
            if isinstance(widget, QLineEdit):
                widget.textChanged.connect(lambda _t, n=name: self._edited(n))
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(lambda _i, n=name: self._edited(n))
        self.refresh()

    # -- values and problems ---------------------------------------------------------------
    def values(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for name in self.FIELDS:
            widget = getattr(self.ui, name)
            if isinstance(widget, QComboBox):
                data = widget.currentData()
                out[name] = str(data if data is not None else widget.currentText())
            else:
                text = widget.text()
                out[name] = text if "password" in name or name == "confirm" else text.strip()
        return out

    def role(self) -> str:
        return "administrator"

    def required(self) -> tuple[str, ...]:
        return self.REQUIRED

    def problems(self) -> dict[str, str]:
        raise NotImplementedError

    def error_label(self, name: str) -> QLabel:
        label: QLabel = getattr(self.ui, f"{name}_error")
        return label

    def _edited(self, name: str) -> None:
        self._touched.add(name)
        self.refresh()

    def refresh(self) -> dict[str, str]:
        """Show each touched field's problem; enable OK only when the form can go."""
        problems = self.problems()
        values = self.values()
        for name in self.FIELDS:
            if name in self._touched:
                self.show_problem(name, problems.get(name, ""))
        missing = [n for n in self.required() if not values.get(n)]
        self.ok_button.setEnabled(not problems and not missing)
        return problems

    def show_problem(self, name: str, text: str) -> None:
        label = self.error_label(name)
        label.setText(text)
        label.setVisible(bool(text))

    def show_message(self, text: str) -> None:
        self.ui.message.setText(text)
        self.ui.message.setStyleSheet(text_style("bad") if text else "")

    def submit(self) -> bool:
        self._touched.update(self.FIELDS)
        if self.refresh() or not self.ok_button.isEnabled():
            self.show_message("Correct the fields marked above.")
            return False
        try:
            self.perform(self.values())
        except DeskError as exc:
            if exc.field in self.FIELDS:
                self.show_problem(exc.field, exc.problem)
                self.show_message("Correct the fields marked above.")
            else:
                self.show_message(str(exc))
            return False
        self.accept()
        return True

    def perform(self, values: dict[str, str]) -> None:
        raise NotImplementedError


class FirstAdminDialog(_FieldForm):
    """Shown instead of sign-in while the database has no account."""

    FIELDS = ("organization", "full_name", "username", "password", "confirm")
    REQUIRED = FIELDS

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        ui = Ui_FirstAdminDialog()
        ui.setupUi(self)  # type: ignore[no-untyped-call]
        retone(self)  # the forms' red error labels, for a dark palette
        self.ui = ui
        self.ok_button = ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Create administrator")
        self._setup(ui)
        for name in self.FIELDS:
            self.show_problem(name, "")
        ui.organization.setFocus()

    def problems(self) -> dict[str, str]:
        values = self.values()
        problems = self.desk.account_problems(values, self.role())
        if "organization" in self._touched and not values["organization"]:
            problems["organization"] = "name the health plan the signing authority belongs to"
        return problems

    def perform(self, values: dict[str, str]) -> None:
        self.desk.create_first_admin(
            full_name=values["full_name"],
            username=values["username"],
            password=values["password"],
            organization=values["organization"],
        )

    def load_samples(self) -> bool:
        return bool(self.ui.load_samples.isChecked())


class AddAccountDialog(_FieldForm):
    """Settings > Reviewer accounts > Add: a reviewer (with signing key) or an administrator."""

    FIELDS = (
        "full_name",
        "username",
        "role",
        "credentials",
        "npi",
        "p2p_phone",
        "password",
        "confirm",
        "admin_password",
    )

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.added: Any = None
        ui = Ui_AddAccountDialog()
        ui.setupUi(self)  # type: ignore[no-untyped-call]
        retone(self)  # the forms' red error labels, for a dark palette
        self.ui = ui
        self._touched = set()
        for label, value in ROLES:
            ui.role.addItem(label, value)
        self._fill_credentials()
        self.ok_button = ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Add account")
        self._setup(ui)
        ui.role.currentIndexChanged.connect(self._role_changed)
        self._role_changed()
        for name in self.FIELDS:
            self.show_problem(name, "")
        ui.full_name.setFocus()

    def role(self) -> str:
        return str(self.ui.role.currentData())

    def _fill_credentials(self) -> None:
        combo = self.ui.credentials
        combo.blockSignals(True)
        combo.clear()
        for cred in CREDENTIALS[self.role()]:
            combo.addItem(cred or "(none)", cred)
        combo.blockSignals(False)

    def _role_changed(self) -> None:
        self._fill_credentials()
        physician = self.role() == "physician_reviewer"
        for name in ("npi", "p2p_phone"):
            widget = getattr(self.ui, name)
            widget.setEnabled(physician)
            if not physician:
                widget.clear()
        self.refresh()

    def required(self) -> tuple[str, ...]:
        base = ("full_name", "username", "password", "confirm", "admin_password")
        if self.role() == "physician_reviewer":
            return (*base, "npi", "p2p_phone")
        return base

    def problems(self) -> dict[str, str]:
        return self.desk.account_problems(self.values(), self.role())

    def perform(self, values: dict[str, str]) -> None:
        self.added = self.desk.add_account(values)
