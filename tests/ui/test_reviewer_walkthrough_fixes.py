"""What a reviewer's walk through the desk found, each pinned by a test."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from helpers import DATA, FakeHandler, open_desk, signed_in_desk, staff_database
from PySide6.QtCore import Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

pytestmark = pytest.mark.gui


def test_many_void_qt_calls_do_not_exhaust_none() -> None:
    """PySide6 6.12.0 on CPython 3.11 dropped a reference to None on every void Qt call
    and the app aborted after minutes of typing ("none_dealloc"); the lock file pins a
    release without the bug. Run in a child process: the failure is an abort."""
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication, QLabel\n"
        "app = QApplication(['probe'])\n"
        "label = QLabel()\n"
        "before = sys.getrefcount(None)\n"
        "for _ in range(200_000):\n"
        "    label.setText('x')\n"
        "assert before - sys.getrefcount(None) < 1000, 'None leaks'\n"
        "print('ok')\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr[-500:]


def test_ctrl_pgdown_and_pgup_move_between_steps_without_an_ambiguous_shortcut(
    qtbot: Any, tmp_path: Path
) -> None:
    from ixreview.ui.main_window import MainWindow

    warnings: list[str] = []
    previous = qInstallMessageHandler(
        lambda kind, _ctx, text: warnings.append(text) if kind != QtMsgType.QtDebugMsg else None
    )
    try:
        desk = open_desk(tmp_path / "cases.sqlite3")
        window = MainWindow(desk)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        tab = window.import_path(DATA / "example-case.json") and window.current_review()
        assert tab is not None
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        steps = tab.checklist.steps

        def press(key: Qt.Key) -> int:
            # Where a reviewer's cursor is: a field of the current page.
            field = tab.checklist.stack.currentWidget().ui.confirm_button
            qtbot.keyClick(field, key, Qt.KeyboardModifier.ControlModifier)
            return steps.currentRow()

        assert press(Qt.Key.Key_PageDown) == 1
        assert press(Qt.Key.Key_PageDown) == 2
        assert press(Qt.Key.Key_PageUp) == 1
        assert press(Qt.Key.Key_D) == 5
    finally:
        qInstallMessageHandler(previous)
    assert not [w for w in warnings if "mbiguous" in w]
    window.close_tab(2)
    desk.close()


def test_a_letterhead_without_a_plan_name_is_refused_not_silently_dropped(qtbot: Any) -> None:
    from ixreview.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog({}, [])
    qtbot.addWidget(dialog)
    dialog.ui.plan_address.setPlainText("PO Box 4410\nKnoxville, TN 37901")
    dialog.ui.plan_phone.setText("1-800-555-0199")
    with pytest.raises(ValueError, match="plan name"):
        dialog.values()
    dialog.try_accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "plan name" in dialog.ui.message.text()
    dialog.ui.plan_name.setText("Blue Valley Health Plan")
    assert dialog.values()["plan_phone"] == "1-800-555-0199"


def test_decision_page_shows_each_clause_wording_not_only_its_number(
    make_checklist: Any,
) -> None:
    checklist = make_checklist(handler=FakeHandler())
    table = checklist.decision.ui.clause_comments
    evaluation = checklist.model.evaluation
    assert evaluation is not None
    for row, clause in enumerate(evaluation.clauses):
        cell = table.item(row, 0)
        assert cell.data(Qt.ItemDataRole.UserRole) == clause.id
        assert cell.toolTip() == f"{clause.id}: {clause.text}"  # the whole wording
        words = " ".join(clause.text.split())
        assert words[:20] in cell.text()  # its start, in the table itself
        result = table.item(row, 1).data(Qt.ItemDataRole.AccessibleTextRole)
        assert clause.reason in result


@pytest.fixture
def staffed(tmp_path: Path) -> Path:
    return staff_database(tmp_path / "staff.sqlite3")


def test_a_new_idle_time_applies_without_restarting(qtbot: Any, staffed: Path) -> None:
    from ixreview.ui.app import Session

    session = Session(staffed)
    session.desk = signed_in_desk(staffed, "admin")
    session.start_main(QApplication.instance())  # type: ignore[arg-type]
    window, watcher = session.window, session.watcher
    assert window is not None and watcher is not None
    qtbot.addWidget(window)
    assert watcher.lock.timeout == timedelta(minutes=15)  # the default
    values = session.desk.settings_form() | {"idle_minutes": 2}
    assert window.apply_settings(values)
    assert watcher.lock.timeout == timedelta(minutes=2)
    # Unlocking restarts the clock of the new lock, not of the replaced one.
    watcher.lock.lock()
    window.unlocked()
    assert not watcher.lock.locked
    QApplication.instance().removeEventFilter(watcher)  # type: ignore[union-attr]
    session.desk.close()
