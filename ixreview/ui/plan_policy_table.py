"""The "Policy by plan" table of the Settings dialog: rows of (plan name, policy id).

The mapping is stored in the setting `policy.by_plan` ({plan name: policy id}); import
pins a member's request to their plan's policy before the default policy. Only policy
ids are offered (never versions: the version in force on the request's date is used).
Plan names match case-insensitively at import, so an empty or repeated name is refused
here with a message rather than dropped.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QHeaderView, QTableWidget, QTableWidgetItem

from ixreview.ui.colors import text_style
from ixreview.ui.generated.ui_settings_dialog import Ui_SettingsDialog

COLUMNS = ["Plan (as the intake names it)", "Policy"]
FIELD = "policy by plan"


def known_policy_ids() -> list[str]:
    from ixreview.domain.policies import default_registry  # loads the YAML files on first use

    return list(default_registry().ids())


class PlanPolicyTable:
    """Edits the plan -> policy mapping in the dialog; `mapping()` validates and returns it."""

    def __init__(self, ui: Ui_SettingsDialog, mapping: object) -> None:
        self.ui = ui
        self.ids = known_policy_ids()
        table = self.table
        table.setColumnCount(len(COLUMNS))
        table.setHorizontalHeaderLabels(COLUMNS)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        table.verticalHeader().setVisible(False)
        if isinstance(mapping, dict):
            for plan, policy in mapping.items():
                self.add_row(str(plan), str(policy), edit=False)
        table.itemChanged.connect(self._name_changed)
        table.itemSelectionChanged.connect(self._selection_changed)
        ui.add_plan_policy.clicked.connect(lambda: self.add_row())
        ui.remove_plan_policy.clicked.connect(self.remove_selected)
        self._selection_changed()

    @property
    def table(self) -> QTableWidget:
        return self.ui.plan_policies

    def add_row(self, plan: str = "", policy: str | None = None, *, edit: bool = True) -> int:
        """Append a row; a new empty row opens its plan name for typing."""
        table = self.table
        row = table.rowCount()
        table.blockSignals(True)  # no duplicate check while the row is half built
        table.insertRow(row)
        name = QTableWidgetItem(plan)
        table.setItem(row, 0, name)
        combo = QComboBox()
        combo.setAccessibleName(f"Policy for plan row {row + 1}")
        combo.addItems(self.ids)
        if policy and policy not in self.ids:
            # An id no longer known is shown as stored, and refused at Save.
            combo.addItem(policy)
        if policy:
            combo.setCurrentText(policy)
        table.setCellWidget(row, 1, combo)
        table.blockSignals(False)
        if edit:
            table.setCurrentCell(row, 0)
            table.editItem(name)
        return row

    def remove_selected(self) -> bool:
        row = self.table.currentRow()
        if row < 0:
            return False
        self.table.removeRow(row)
        self.say("")
        self._selection_changed()
        return True

    def plan(self, row: int) -> str:
        item = self.table.item(row, 0)
        return "" if item is None else item.text().strip()

    def policy(self, row: int) -> str:
        combo = self.table.cellWidget(row, 1)
        return combo.currentText() if isinstance(combo, QComboBox) else ""

    def rows(self) -> list[tuple[str, str]]:
        return [(self.plan(r), self.policy(r)) for r in range(self.table.rowCount())]

    def problem(self) -> tuple[int, str] | None:
        """The first bad row and what is wrong with it, or None."""
        seen: dict[str, int] = {}
        for row, (plan, policy) in enumerate(self.rows()):
            where = f"{FIELD}, row {row + 1}"
            if not plan:
                return row, f"{where}: the plan name is empty; type it or remove the row"
            first = seen.setdefault(plan.casefold(), row)
            if first != row:
                return row, (
                    f"{where}: “{plan}” is already in row {first + 1} "
                    "(plan names match regardless of capitals)"
                )
            if policy not in self.ids:
                return row, f"{where}: “{policy}” is not a policy id; known: {', '.join(self.ids)}"
        return None

    def mapping(self) -> dict[str, Any]:
        """{plan name: policy id}; raises ValueError naming the row when one is refused."""
        found = self.problem()
        if found is not None:
            row, message = found
            self.table.setCurrentCell(row, 0)
            self.table.setFocus()
            raise ValueError(message)
        return dict(self.rows())

    def say(self, text: str) -> None:
        self.ui.message.setText(text)
        self.ui.message.setStyleSheet(text_style("bad") if text else "")

    def _name_changed(self, item: QTableWidgetItem) -> None:
        # Refuse a repeated name as soon as it is typed (an empty one waits for Save,
        # so a freshly added row is not scolded before the user types).
        found = self.problem()
        if found is not None and "already in row" in found[1]:
            self.say(found[1])
        elif self.ui.message.text().startswith(FIELD):
            self.say("")

    def _selection_changed(self) -> None:
        self.ui.remove_plan_policy.setEnabled(self.table.currentRow() >= 0)
