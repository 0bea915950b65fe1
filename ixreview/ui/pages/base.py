"""What every checklist page shares: its Designer form, bindings, and the confirm button.

Signals:
    (none of its own; pages talk to the review model, never to each other)
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from ixreview.ui.fields import FieldBinding, object_name
from ixreview.ui.review_model import ReviewModel


class ChecklistPage(QWidget):
    """A page of the guided checklist. Subclasses set `page` and `form`."""

    page: str = ""
    title: str = ""
    form: Any = None  # the generated Ui_* class

    def __init__(self, model: ReviewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.ui = self.form()
        self.ui.setupUi(self)
        self.setAccessibleName(self.title)
        self.bindings: dict[str, FieldBinding] = {}
        if hasattr(self.ui, "confirm_button"):
            self.ui.confirm_button.clicked.connect(self.confirm)
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
