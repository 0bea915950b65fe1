"""Bind one Designer widget to one answer of the review model.

A binding writes what the reviewer types into the model (as typed: the domain
validates it), shows the model's value back, marks the answer's origin with a
small badge beside the field (imported / override / entered), and shows the
field's error or warning in words right under it, as it is typed.
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any, cast

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ixreview.domain.case import Extent, Regimen, RequestType, Status, Urgency
from ixreview.ui.colors import text_style
from ixreview.ui.review_model import ReviewModel
from ixreview.ui.review_state import Origin

NOT_DOCUMENTED = "Not documented"
TRI_STATE: list[tuple[str, Any]] = [(NOT_DOCUMENTED, None), ("Yes", True), ("No", False)]


def enum_choices(enum: type[StrEnum]) -> list[tuple[str, Any]]:
    return [(NOT_DOCUMENTED, None)] + [
        (m.value.replace("_", " ").capitalize(), m.value) for m in enum
    ]


CHOICES: dict[str, list[tuple[str, Any]]] = {
    "urgency": enum_choices(Urgency),
    "request_type": enum_choices(RequestType),
    "medication.regimen": enum_choices(Regimen),
    "diagnosis.extent": enum_choices(Extent),
    "biomarkers.her2": enum_choices(Status),
    "biomarkers.hormone_receptor": enum_choices(Status),
}
TRI_STATE_FIELDS = {
    "continuation.unacceptable_toxicity",
    "continuation.disease_progression",
    "diagnosis.no_response_to_preoperative_therapy",
    "diagnosis.breast_cancer_confirmed",
    "biomarkers.her2_test_on_file",
    "biomarkers.on_endocrine_therapy",
    "anthracycline_contraindicated",
    "cremophor_hypersensitivity",
}
LINE_LIST_FIELDS = {"member.address", "prescriber.address"}

BADGE_STYLE = {
    Origin.IMPORTED: "background: rgba(40, 110, 220, 0.18);",
    Origin.OVERRIDE: "background: rgba(230, 140, 0, 0.30);",
    Origin.ENTERED: "background: rgba(40, 160, 80, 0.22);",
}


def object_name(path: str) -> str:
    """The Designer object name for a field path: labs.anc_per_mm3 -> labs_anc_per_mm3."""
    return path.replace(".", "_")


def show_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ", ".join(show_value(v) for v in value)
    return str(value) if not isinstance(value, dict) else json.dumps(value)


RECEIVED_AT = "received_at"


def shown_received(value: Any) -> str:
    """When the request arrived, as its sender stated it, in words with the zone named:
    "2026-11-19 09:30 (UTC−06:00)", not "2026-11-19T09:30:00-06:00"."""
    from datetime import datetime

    from ixreview.workflow.zone import zone_abbreviation

    try:
        when = datetime.fromisoformat(str(value))
    except ValueError:
        return show_value(value)
    if when.tzinfo is None:
        return f"{when:%Y-%m-%d %H:%M}"
    zone = zone_abbreviation(when)
    return f"{when:%Y-%m-%d %H:%M} " + (f"({zone})" if zone.startswith("UTC") else zone)


class OriginBadge(QLabel):
    """A small tag saying where an answer came from; the tooltip gives the imported value."""

    def show_origin(self, origin: Origin | None, imported: Any) -> None:
        self.setVisible(origin is not None)
        if origin is None:
            return
        self.setText(origin.value)
        self.setStyleSheet(f"{BADGE_STYLE[origin]} border-radius: 3px; padding: 0 4px;")
        tip = {
            Origin.IMPORTED: "Imported from the request",
            Origin.OVERRIDE: f"Override: the request said “{show_value(imported)}”",
            Origin.ENTERED: "Entered by the reviewer (the request had nothing here)",
        }[origin]
        self.setToolTip(tip)
        self.setAccessibleName(tip)


class FieldMessage(QLabel):
    """The error (red) or warning (amber) for one field, in words; hidden when fine."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_messages(self, errors: list[str], warnings: list[str]) -> None:
        if errors:
            self.setText("✖ " + "\n✖ ".join(errors))
            self.setStyleSheet(text_style("bad"))
        elif warnings:
            self.setText("⚠ " + "\n⚠ ".join(warnings))
            self.setStyleSheet(text_style("warn"))
        self.setVisible(bool(errors or warnings))
        self.setAccessibleName(self.text())


def decorate(widget: QWidget, with_badge: bool = True) -> tuple[OriginBadge, FieldMessage]:
    """Put a badge beside and a message under a widget sitting in a QFormLayout."""
    parent = widget.parentWidget()
    assert parent is not None
    form = parent.layout()
    assert isinstance(form, QFormLayout), f"{widget.objectName()} is not in a form layout"
    row, role = cast(tuple[int, QFormLayout.ItemRole], form.getWidgetPosition(widget))
    form.removeWidget(widget)
    host = QWidget(parent)
    # The host takes the widget's height, no more: a form row must not swallow free space.
    host.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
    column = QVBoxLayout(host)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    line = QHBoxLayout()
    line.addWidget(widget, 1)
    badge = OriginBadge(host)
    badge.setVisible(False)
    if with_badge:
        line.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
    column.addLayout(line)
    message = FieldMessage(host)
    column.addWidget(message)
    form.setWidget(row, role, host)
    return badge, message


class FieldBinding(QObject):
    """Two-way link between one widget and the answer at `path`."""

    def __init__(self, model: ReviewModel, path: str, widget: QWidget) -> None:
        super().__init__(widget)
        self.model = model
        self.path = path
        self.widget = widget
        self._updating = False
        self.badge, self.message = decorate(widget)
        if isinstance(widget, QComboBox):
            choices = CHOICES.get(path) or (TRI_STATE if path in TRI_STATE_FIELDS else None)
            assert choices is not None, path
            for text, value in choices:
                widget.addItem(text, value)
            widget.currentIndexChanged.connect(self._from_widget)
        elif isinstance(widget, QLineEdit):
            widget.textEdited.connect(self._from_widget)
            if path == RECEIVED_AT:  # fixed by the request: shown in words, not edited
                widget.setReadOnly(True)
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(self._from_widget)
            widget.setFixedHeight(widget.fontMetrics().lineSpacing() * 3 + 12)
        model.answerChanged.connect(self._on_answer)
        model.derivedChanged.connect(self._show_findings)
        self._to_widget()
        self._show_findings()

    def widget_value(self) -> Any:
        w = self.widget
        if isinstance(w, QComboBox):
            return w.currentData()
        if isinstance(w, QLineEdit):
            return w.text()
        if isinstance(w, QPlainTextEdit):
            lines = [s.strip() for s in w.toPlainText().splitlines() if s.strip()]
            return lines or None
        raise TypeError(type(w).__name__)

    def _from_widget(self, *_: object) -> None:
        if not self._updating:
            self.model.set_answer(self.path, self.widget_value())

    def _on_answer(self, path: str) -> None:
        if path == self.path:
            self._to_widget()

    def _to_widget(self) -> None:
        value = self.model.value(self.path)
        self._updating = True
        try:
            w = self.widget
            if isinstance(w, QComboBox):
                index = w.findData(value)
                w.setCurrentIndex(max(index, 0))
            elif isinstance(w, QLineEdit):
                text = shown_received(value) if self.path == RECEIVED_AT else show_value(value)
                if w.text() != text:
                    w.setText(text)
            elif isinstance(w, QPlainTextEdit):
                text = "\n".join(value) if isinstance(value, list) else show_value(value)
                if w.toPlainText().strip() != text:
                    w.setPlainText(text)
            w.setEnabled(not self.model.read_only)
        finally:
            self._updating = False
        self.badge.show_origin(self.model.origin(self.path), self.model.imported(self.path))

    def _show_findings(self) -> None:
        errors = [f.message for f in self.model.errors_for(self.path)]
        warnings = [f.message for f in self.model.warnings_for(self.path)]
        self.message.show_messages(errors, warnings)
        self.widget.setProperty("invalid", bool(errors))
        self.widget.setAccessibleDescription("; ".join(errors or warnings))
