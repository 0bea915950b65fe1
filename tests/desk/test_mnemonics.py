"""No two Alt+letter mnemonics alike in one window, in any state of it: the main window
on each tab and each checklist step, every menu, and every dialog (each of its tabs)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import DATA, open_desk
from mnemonics import duplicates, menu_duplicates, offered
from PySide6.QtWidgets import QTabWidget, QWidget

pytestmark = pytest.mark.gui


def _each_tab(window: QWidget) -> list[dict[str, list[str]]]:
    """Duplicates in every tab of every tab widget of `window` (one tab shown at a time)."""
    found = [duplicates(window)]
    for tabs in window.findChildren(QTabWidget):
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            found.append(duplicates(window))
    return [d for d in found if d]


def test_the_main_window_offers_each_letter_once_on_every_tab_and_step(
    qtbot: Any, tmp_path: Path
) -> None:
    from ixreview.ui.main_window import MainWindow

    desk = open_desk(tmp_path / "cases.sqlite3")
    window = MainWindow(desk)
    qtbot.addWidget(window)
    window.show()
    problems: dict[str, Any] = {}
    for i, name in ((0, "work queue"), (1, "history")):
        window.tabs.setCurrentIndex(i)
        if dup := duplicates(window):
            problems[name] = dup
    window.import_path(DATA / "example-case.json")
    tab = window.current_review()
    for step, page in enumerate(tab.checklist.pages):
        tab.checklist.go_to(step)
        if dup := duplicates(window):
            problems[page.title] = dup
    if dup := menu_duplicates(window):
        problems["menus"] = dup
    # The walk saw the letters it is meant to judge.
    assert {"f", "r", "t"} <= set(offered(window))
    assert problems == {}
    window.lock_now()
    assert duplicates(window.unlock_dialog) == {}
    assert "s" in offered(window.unlock_dialog)  # Sign in as someone else
    desk.close()


def test_every_dialog_offers_each_letter_once(qtbot: Any, tmp_path: Path) -> None:
    from ixreview.ui.account_forms import AddAccountDialog, FirstAdminDialog
    from ixreview.ui.desk import Desk
    from ixreview.ui.new_review import NewReviewDialog
    from ixreview.ui.policies import policy_choices
    from ixreview.ui.settings_dialog import SettingsDialog
    from ixreview.ui.signin import SignInDialog

    fresh = Desk.open(tmp_path / "fresh.sqlite3")
    desk = open_desk(tmp_path / "cases.sqlite3", role="admin", username="admin")
    dialogs: list[QWidget] = [
        SignInDialog(lambda _u, _p: None),
        FirstAdminDialog(fresh),
        AddAccountDialog(desk),
        NewReviewDialog(desk),
        SettingsDialog(desk.settings_form(), policy_choices(), None, desk=desk),
    ]
    problems: dict[str, Any] = {}
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        if dup := _each_tab(dialog):
            problems[type(dialog).__name__] = dup
    assert problems == {}
    fresh.close()
    desk.close()
