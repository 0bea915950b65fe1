"""Administrator settings: letterhead, decision clocks, default policy, policy by plan,
authorization, idle lock, time zone (tab "Plan and review"), and reviewer accounts (tab "Reviewer
accounts").

A view only: the Desk reads the values from, and writes them to, the store's
setting keys (which refuses non-administrators and validates the letterhead).
Accounts are listed, added and deactivated through the workflow's account
operations at once (they do not wait for Save); see `AccountsTab`.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QTableWidgetItem,
    QWidget,
)

from ixreview.ui.colors import text_style
from ixreview.ui.generated.ui_settings_dialog import Ui_SettingsDialog
from ixreview.ui.plan_policy_table import PlanPolicyTable
from ixreview.ui.policies import PolicyChoice

if TYPE_CHECKING:
    from ixreview.ui.desk import Desk

ACCOUNT_COLUMNS = ["Full name", "User name", "Role", "Credentials", "NPI", "Status", "Signs"]

# form value name -> (widget attribute, kind); the Desk maps them to the store's keys.
FIELDS: dict[str, tuple[str, str]] = {
    "plan_name": ("plan_name", "text"),
    "plan_address": ("plan_address", "lines"),
    "plan_phone": ("plan_phone", "text"),
    "plan_logo": ("logo_path", "text"),
    "expedited_hours": ("expedited_hours", "number"),
    "standard_days": ("standard_days", "number"),
    "authorization_months": ("auth_months", "number"),
    "lab_age_days": ("lab_age_days", "number"),  # made in code: `lab_age_row`
    "idle_minutes": ("idle_minutes", "number"),
}


class SettingsDialog(QDialog):
    def __init__(
        self,
        values: dict[str, Any],
        choices: list[PolicyChoice],
        parent: QWidget | None = None,
        *,
        desk: Desk | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_SettingsDialog()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]
        self.accounts: AccountsTab | None = None
        if desk is None:
            self.ui.tabs.removeTab(self.ui.tabs.indexOf(self.ui.accounts_tab))
        else:
            self.accounts = AccountsTab(self.ui, desk, self)
        self.ui.policy.addItem("(none)", None)
        for c in choices:
            self.ui.policy.addItem(f"{c.id}: {c.title}", c.id)
        self.ui.policy.setCurrentIndex(
            max(self.ui.policy.findData(values.get("default_policy")), 0)
        )
        self.plan_policies = PlanPolicyTable(self.ui, values.get("plan_policies"))
        self.time_zone = time_zone_box(values.get("time_zone"), self)
        self.ui.form.addRow("Time zone (screen and letters):", self.time_zone)
        self.widgets: dict[str, Any] = {"lab_age_days": lab_age_row(self.ui)}
        for attr, _kind in FIELDS.values():
            if attr not in self.widgets:
                self.widgets[attr] = getattr(self.ui, attr)
        from ixreview.workflow.settings_form import defaults

        empty = defaults()
        for key, (attr, kind) in FIELDS.items():
            widget = self.widgets[attr]
            value = values.get(key)
            if key in empty:  # what applies while the field is empty
                widget.setPlaceholderText(f"{empty[key]} when empty")
            if kind == "lines":
                widget.setPlainText("\n".join(value or []))
            else:
                widget.setText("" if value is None else str(value))
        self.ui.buttons.accepted.connect(self.try_accept)
        self.ui.buttons.rejected.connect(self.reject)

    def values(self) -> dict[str, Any]:
        """The entered settings; raises ValueError naming the field when one is not a number."""
        out: dict[str, Any] = {
            "default_policy": self.ui.policy.currentData(),
            "plan_policies": self.plan_policies.mapping(),
            "time_zone": self.time_zone.currentData(),
        }
        for key, (attr, kind) in FIELDS.items():
            widget = self.widgets[attr]
            if kind == "lines":
                out[key] = [s for s in widget.toPlainText().splitlines() if s.strip()]
            elif kind == "number":
                text = widget.text().strip()
                if text:
                    try:
                        number = float(text)
                    except ValueError:
                        raise ValueError(
                            f"{key.replace('_', ' ')}: “{text}” is not a number"
                        ) from None
                    if number <= 0:
                        raise ValueError(f"{key.replace('_', ' ')}: must be more than 0")
                    out[key] = int(number) if number.is_integer() else number
            else:
                out[key] = widget.text().strip() or None
        if not out["plan_name"] and (out["plan_address"] or out["plan_phone"] or out["plan_logo"]):
            # The letterhead is stored whole; without a name the rest would be dropped unsaid.
            raise ValueError(
                "plan name: needed for the letterhead when an address, phone or logo is given"
            )
        return out

    def try_accept(self) -> None:
        try:
            self.values()
        except ValueError as exc:
            self.ui.message.setText(str(exc))
            self.ui.message.setStyleSheet(text_style("bad"))
            return
        self.accept()


def lab_age_row(ui: Ui_SettingsDialog) -> QLineEdit:
    """The plan's lab age limit, under the authorization months (not in the .ui form yet)."""
    from PySide6.QtWidgets import QLabel

    box = QLineEdit(ui.general_tab)
    box.setObjectName("lab_age_days")
    box.setAccessibleName("Baseline labs at most (days)")
    box.setToolTip(
        "How old the baseline blood counts and liver values may be on the day of review "
        "(7 to 90 days; 30 when empty)"
    )
    label = QLabel("Baseline labs at &most (days):", ui.general_tab)
    label.setBuddy(box)
    position: Any = ui.form.getWidgetPosition(ui.auth_months)  # (row, role); stubs say object
    ui.form.insertRow(int(position[0]) + 1, label, box)
    QWidget.setTabOrder(ui.auth_months, box)
    QWidget.setTabOrder(box, ui.idle_minutes)
    return box


def time_zone_box(current: str | None, parent: QWidget) -> QComboBox:
    """The plan's time zone: the computer's own (the default) or a named zone."""
    from ixreview.workflow.zone import zone_names

    box = QComboBox(parent)
    box.setAccessibleName("Time zone")
    here = datetime.now().astimezone().tzname() or ""
    box.addItem(f"This computer's time zone ({here})", None)
    for name in zone_names():
        box.addItem(name.replace("_", " "), name)
    box.setCurrentIndex(max(box.findData(current), 0) if current else 0)
    return box


class AccountsTab:
    """The "Reviewer accounts" tab: list, add, deactivate (through the Desk, at once)."""

    def __init__(self, ui: Ui_SettingsDialog, desk: Desk, dialog: QDialog) -> None:
        self.ui, self.desk, self.dialog = ui, desk, dialog
        table = ui.accounts
        table.setColumnCount(len(ACCOUNT_COLUMNS))
        table.setHorizontalHeaderLabels(ACCOUNT_COLUMNS)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().setVisible(False)
        ui.add_account.clicked.connect(self.add)
        ui.deactivate_account.clicked.connect(self.deactivate_selected)
        ui.show_inactive.toggled.connect(lambda _on: self.refresh())
        table.itemSelectionChanged.connect(self._selection_changed)
        self.refresh()

    def refresh(self) -> None:
        from ixreview.ui.desk import DeskError

        table = self.ui.accounts
        try:
            people = self.desk.accounts(include_inactive=self.ui.show_inactive.isChecked())
        except DeskError as exc:
            self.say(str(exc))
            people = []
        table.setRowCount(len(people))
        for row, a in enumerate(people):
            cells = [
                a.full_name,
                a.username,
                a.role.label,
                a.credentials,
                a.npi or "",
                "active" if a.active else "deactivated",
                "yes" if a.can_sign else "no",
            ]
            for col, text in enumerate(cells):
                table.setItem(row, col, QTableWidgetItem(text))
        self._selection_changed()

    def _cell(self, row: int, column: int) -> str:
        item = self.ui.accounts.item(row, column)
        return "" if item is None else str(item.text())

    def usernames(self) -> list[str]:
        return [self._cell(r, 1) for r in range(self.ui.accounts.rowCount())]

    def selected_username(self) -> str | None:
        rows = {i.row() for i in self.ui.accounts.selectedItems()}
        return self._cell(rows.pop(), 1) if len(rows) == 1 else None

    def select(self, username: str) -> None:
        self.ui.accounts.selectRow(self.usernames().index(username))

    def _selection_changed(self) -> None:
        name = self.selected_username()
        row = self.usernames().index(name) if name else -1
        active = row >= 0 and self._cell(row, 5) == "active"
        self.ui.deactivate_account.setEnabled(active)

    def say(self, text: str, error: bool = True) -> None:
        self.ui.accounts_message.setText(text)
        self.ui.accounts_message.setStyleSheet(text_style("bad") if error else "")

    def add(self) -> bool:
        from ixreview.ui.account_forms import AddAccountDialog

        dialog = AddAccountDialog(self.desk, self.dialog)
        if not dialog.exec():
            return False
        self.added(dialog.added)
        return True

    def added(self, account: Any) -> None:
        self.refresh()
        self.say(f"Added {account.username} ({account.role.label}).", error=False)

    def deactivate_selected(self, *, confirm: bool = True, password: str | None = None) -> bool:
        """Deactivate the selected account; the administrator's own password (asked
        here unless given) revokes its certificate so no letter it signs later verifies."""
        from ixreview.ui.desk import DeskError

        name = self.selected_username()
        if name is None:
            return False
        if confirm:
            answer = QMessageBox.question(
                self.dialog,
                "Deactivate account",
                f"Deactivate {name}? They can no longer sign in or sign letters. "
                "Their past determinations keep their name.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        if password is None:
            password, ok = QInputDialog.getText(
                self.dialog,
                "Deactivate account",
                f"Your password, to revoke the certificate of {name}:",
                QLineEdit.EchoMode.Password,
            )
            if not ok:
                return False
        try:
            result = self.desk.deactivate_account(name, password)
        except DeskError as exc:
            self.say(str(exc))
            return False
        self.refresh()
        if result.revoked is False:
            self.say(
                f"Deactivated {name}, but their certificate is NOT revoked yet: "
                f"{result.not_revoked_reason}"
            )
        elif result.revoked:
            self.say(f"Deactivated {name}; their certificate is revoked.", error=False)
        else:
            self.say(f"Deactivated {name}.", error=False)
        return True
