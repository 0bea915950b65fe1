"""Administrator settings: letterhead, decision clocks, default policy, authorization, idle lock.

A view only: the Desk reads the values from, and writes them to, the store's
setting keys (which refuses non-administrators and validates the letterhead).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QWidget

from ixreview.ui.generated.ui_settings_dialog import Ui_SettingsDialog
from ixreview.ui.policies import PolicyChoice

# form value name -> (widget attribute, kind); the Desk maps them to the store's keys.
FIELDS: dict[str, tuple[str, str]] = {
    "plan_name": ("plan_name", "text"),
    "plan_address": ("plan_address", "lines"),
    "plan_phone": ("plan_phone", "text"),
    "plan_logo": ("logo_path", "text"),
    "expedited_hours": ("expedited_hours", "number"),
    "standard_days": ("standard_days", "number"),
    "authorization_months": ("auth_months", "number"),
    "idle_minutes": ("idle_minutes", "number"),
}


class SettingsDialog(QDialog):
    def __init__(
        self, values: dict[str, Any], choices: list[PolicyChoice], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_SettingsDialog()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]
        self.ui.policy.addItem("(none)", None)
        for c in choices:
            self.ui.policy.addItem(f"{c.id}: {c.title}", c.id)
        self.ui.policy.setCurrentIndex(
            max(self.ui.policy.findData(values.get("default_policy")), 0)
        )
        for key, (attr, kind) in FIELDS.items():
            widget = getattr(self.ui, attr)
            value = values.get(key)
            if kind == "lines":
                widget.setPlainText("\n".join(value or []))
            else:
                widget.setText("" if value is None else str(value))
        self.ui.buttons.accepted.connect(self.try_accept)
        self.ui.buttons.rejected.connect(self.reject)

    def values(self) -> dict[str, Any]:
        """The entered settings; raises ValueError naming the field when one is not a number."""
        out: dict[str, Any] = {"default_policy": self.ui.policy.currentData()}
        for key, (attr, kind) in FIELDS.items():
            widget = getattr(self.ui, attr)
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
        return out

    def try_accept(self) -> None:
        try:
            self.values()
        except ValueError as exc:
            self.ui.message.setText(str(exc))
            self.ui.message.setStyleSheet("color: #c62828;")
            return
        self.accept()
