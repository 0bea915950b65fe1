"""Measured: deciding a standard, complete, imported case (open it from the work queue,
confirm each step, approve, sign) takes at most 10 mouse interactions and at most 15
keyboard groups, counted on the real widgets.

A keyboard group is one key or chord (Enter, Space, Alt+A) or one typed word (the
password). The mouse path types the password too (counted apart); a double-click
counts as one interaction. Keys go to whatever has the keyboard focus, so the
counts also prove where the focus lands after each step.
"""

from __future__ import annotations

from typing import Any

import pytest
from helpers import DATA
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from test_whole_review import PASSWORDS

pytestmark = pytest.mark.gui
REAL_QUESTION = QMessageBox.question  # the autouse fixture answers boxes; here a person does


class Counted:
    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot
        self.mouse = 0
        self.keys = 0
        self.path: list[str] = []

    def focus(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, f"nothing has the keyboard focus after {self.path}"
        return widget

    def key(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
            what: str = "") -> None:
        self.keys += 1
        self.path.append(what or key.name)
        self.qtbot.keyClick(self.focus(), key, modifier)

    def type(self, text: str, what: str) -> None:
        self.keys += 1
        self.path.append(what)
        self.qtbot.keyClicks(self.focus(), text)

    def click(self, widget: QWidget, what: str) -> None:
        self.mouse += 1
        self.path.append(what)
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)

    def double_click_row(self, view: Any, row: int, what: str) -> None:
        self.mouse += 1
        self.path.append(what)
        rect = view.visualRect(view.model().index(row, 0))
        # As a hand does it: press, release, then the second press arrives as a double-click.
        left, at = Qt.MouseButton.LeftButton, rect.center()
        self.qtbot.mouseClick(view.viewport(), left, pos=at)
        self.qtbot.mouseDClick(view.viewport(), left, pos=at)

    def answer_summary(self, by_mouse: bool) -> None:
        """When the summary box comes up, press Yes (mouse) or Enter (keyboard)."""

        def press() -> None:
            box = QApplication.activeModalWidget()
            if not isinstance(box, QMessageBox) or not box.isVisible():
                QTimer.singleShot(10, press)  # not up yet: look again in a moment
                return
            if by_mouse:
                self.mouse += 1
                self.path.append("click Yes (sign) in the summary")
                self.qtbot.mouseClick(
                    box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton
                )
            else:
                self.keys += 1
                self.path.append("Enter (sign) in the summary")
                self.qtbot.keyClick(box, Qt.Key.Key_Return)

        QTimer.singleShot(0, press)


@pytest.fixture
def queue_window(qtbot: Any, sign_in: Any, monkeypatch: Any) -> Any:
    monkeypatch.setattr(QMessageBox, "question", REAL_QUESTION)
    w = sign_in("nina")
    w.desk.import_file(DATA / "example-case.json")  # imported earlier: waiting in the queue
    w.refresh_queue()
    w.tabs.setCurrentIndex(0)
    w.activateWindow()
    w.queue_view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.queue_view)
    return w


def _decided(w: Any) -> bool:
    tab = w.current_review()
    return tab is not None and tab.review.read_only and bool(w.desk.letters(tab.reference))


def test_keyboard_only_takes_at_most_15_groups(qtbot: Any, queue_window: Any) -> None:
    w, c = queue_window, Counted(qtbot)
    c.key(Qt.Key.Key_Return, what="Enter (open the first request)")
    for _ in range(5):
        c.key(Qt.Key.Key_Space, what="Space (confirm this page, on to the next)")
    assert w.current_review().checklist.steps.currentRow() == 5
    c.type(PASSWORDS["nina"], "type the password")
    c.answer_summary(by_mouse=False)
    c.key(Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier, what="Alt+A (approve)")
    qtbot.waitUntil(lambda: _decided(w))
    assert c.mouse == 0
    assert c.keys <= 15, c.path
    assert c.keys == 9, c.path  # the figure the README reports


def test_mouse_takes_at_most_10_interactions(qtbot: Any, queue_window: Any) -> None:
    w, c = queue_window, Counted(qtbot)
    c.double_click_row(w.queue_view, 0, "double-click the request")
    tab = w.current_review()
    assert tab is not None
    for page in tab.checklist.pages[:-1]:
        c.click(page.ui.confirm_button, f"click Confirm ({page.title})")
    decision = tab.checklist.decision
    assert c.focus() is decision.ui.password  # no click needed to type it
    c.type(PASSWORDS["nina"], "type the password")
    c.answer_summary(by_mouse=True)
    c.click(decision.ui.approve, "click Approve")
    qtbot.waitUntil(lambda: _decided(w))
    assert c.mouse <= 10, c.path
    assert (c.mouse, c.keys) == (8, 1), c.path  # the figures the README reports
