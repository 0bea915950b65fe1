"""What every checklist page shares: its Designer form, bindings, and the confirm button.

Signals:
    confirmedByHand(): the reviewer pressed "Confirm this page" and it was confirmed
    (the checklist moves on to the next step). Pages talk to the review model, never
    to each other.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from ixreview.ui.fields import FieldBinding, object_name
from ixreview.ui.review_model import ReviewModel


class ChecklistPage(QWidget):
    """A page of the guided checklist. Subclasses set `page` and `form`."""

    page: str = ""
    title: str = ""
    form: Any = None  # the generated Ui_* class
    confirmedByHand = Signal()

    def __init__(self, model: ReviewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.ui = self.form()
        self.ui.setupUi(self)
        self.setAccessibleName(self.title)
        self.bindings: dict[str, FieldBinding] = {}
        if hasattr(self.ui, "confirm_button"):
            self.ui.confirm_button.clicked.connect(self._confirm_pressed)
            model.derivedChanged.connect(self.update_confirm)
            model.confirmedChanged.connect(lambda _page: self.update_confirm())
            self.update_confirm()

    def bind(self, *paths: str) -> None:
        for path in paths:
            self.bindings[path] = FieldBinding(
                self.model, path, getattr(self.ui, object_name(path))
            )

    def confirm(self) -> bool:
        ok = self.model.confirm(self.page)
        self.update_confirm()
        return ok

    def _confirm_pressed(self) -> None:
        if self.confirm():
            self.confirmedByHand.emit()

    def first_focus(self) -> QWidget | None:
        """Where the keyboard goes when the checklist moves to this page: its confirm
        button while it may be pressed (a complete imported case is confirmed page after
        page with one key), else nothing in particular."""
        button = getattr(self.ui, "confirm_button", None)
        return button if button is not None and button.isEnabled() else None

    def update_confirm(self) -> None:
        errors = self.model.page_errors(self.page)
        warnings = self.model.page_warnings(self.page)
        confirmed = self.model.is_confirmed(self.page)
        self.ui.confirm_button.setEnabled(not errors and not confirmed and not self.model.read_only)
        if errors:
            n = len(errors)
            text = (
                f"✖ {n} error{'s' if n > 1 else ''} on this page must be fixed "
                "before it can be confirmed."
            )
        elif confirmed:
            text = "✔ Confirmed."
        else:
            text = "Check every answer, then confirm this page."
        if warnings and not errors:
            text += f" ⚠ {len(warnings)} warning{'s' if len(warnings) > 1 else ''} (not blocking)."
        self.ui.confirm_status.setText(text)
        self.ui.confirm_status.setAccessibleName(text)
