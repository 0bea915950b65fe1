"""The policy impact and metrics dialogs, driven as a reviewer would (pytest-qt)."""

from __future__ import annotations

import csv
import stat
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from impact_helpers import World, day
from PySide6.QtCore import Qt

from ixreview.store import DecisionCode


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A modal box would wait forever offscreen: record what it says instead."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []

    def box(_parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
        shown.append(f"{title}: {text}")
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", box)
    return shown


def _desk(world: World, username: str) -> Any:
    from ixreview.ui.desk import Desk

    world.sign_in(username)  # the account signs in once (audited) as the app would
    return Desk(world.store, world.store.users.by_username(username))


def test_replay_runs_off_the_ui_thread_and_fills_chart_and_table(
    qtbot: Any, world: World, tmp_path: Path
) -> None:
    from ixreview.ui.impact_dialog import ImpactDialog

    world.import_bcbst()
    dialog = ImpactDialog(_desk(world, "nina"))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.policy.currentData() == "BCBST-IXEMPRA@draft"
    assert dialog.members.isEnabled()
    dialog.members.setChecked(True)
    qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    assert not dialog.run_button.isEnabled() and dialog.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.report is not None and dialog.worker is None, timeout=60_000)
    assert "2</b> would change outcome" in dialog.summary.text()
    assert dialog.progress.value() == dialog.progress.maximum() == 4
    series = dialog.chart.chart().series()[0]
    assert [s.label() for s in series.barSets()] == ["Now", "Under BCBST-IXEMPRA@draft"]
    assert [series.barSets()[0].at(i) for i in range(3)] == [3, 0, 1]
    assert [series.barSets()[1].at(i) for i in range(3)] == [1, 2, 1]
    assert dialog.proxy.rowCount() == 2  # only the requests whose outcome changes
    header = [
        dialog.model.headerData(i, Qt.Orientation.Horizontal)
        for i in range(dialog.model.columnCount())
    ]
    assert header[:2] == ["Reference", "Member"]
    dialog.changed_only.setChecked(False)
    assert dialog.proxy.rowCount() == 4
    dialog.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    refs = [dialog.proxy.index(i, 0).data() for i in range(4)]
    assert refs == sorted(refs, reverse=True)
    pdf, table = tmp_path / "packet.pdf", tmp_path / "impact.csv"
    dialog.save(pdf, "pdf")
    dialog.save(table, "csv")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o600
    rows = list(csv.reader(table.read_text(encoding="utf-8").splitlines()))
    assert rows[0][1] == "member" and len(rows) == 5


def test_administrators_cannot_name_members_and_cancel_shows_nothing(
    qtbot: Any, world: World
) -> None:
    from ixreview.ui.impact_dialog import ImpactDialog, ReplayThread

    world.import_bcbst()
    desk = _desk(world, "admin")
    dialog = ImpactDialog(desk)
    qtbot.addWidget(dialog)
    assert not dialog.members.isEnabled()
    thread = ReplayThread(desk, "BCBST-IXEMPRA@draft", {})
    thread.cancel()  # before the first batch: the replay stops there
    with qtbot.waitSignal(thread.stopped, timeout=30_000):
        thread.start()
    thread.wait()
    thread.stopped.connect(dialog._stopped)
    dialog._stopped()
    assert "cancelled" in dialog.summary.text() and dialog.report is None


def test_metrics_dashboard_charts_table_and_exports(
    qtbot: Any, world: World, tmp_path: Path, message_boxes: list[str]
) -> None:
    from ixreview.ui.metrics_dialog import MetricsDialog

    refs = list(world.import_bcbst().values())
    at = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
    world.decide(refs[0], DecisionCode.APPROVED, "nina", at)
    world.decide(refs[1], DecisionCode.DENIED, "drpat", at)
    dialog = MetricsDialog(_desk(world, "admin"))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_range(day("2026-10-01"), day("2026-11-30"), "month")
    qtbot.mouseClick(dialog.refresh_button, Qt.MouseButton.LeftButton)
    assert dialog.report is not None
    assert dialog.model.rowCount() == 4  # two months, standard and expedited
    assert dialog.reviewer_model.rowCount() == 2
    names = {dialog.reviewer_model.index(i, 0).data() for i in range(2)}
    assert names == {"Nina Nurse, RN", "Pat Physician, MD"}
    bars = dialog.decisions.chart().series()[0]
    assert [s.label() for s in bars.barSets()] == ["Approved", "Denied", "Pended", "Cancelled"]
    assert len(dialog.times.chart().series()) == 2
    png, table = tmp_path / "m.png", tmp_path / "m.csv"
    dialog.save(png, "png")
    dialog.save(table, "csv")
    assert png.read_bytes().startswith(b"\x89PNG")
    text = table.read_text(encoding="utf-8")
    assert text.startswith("period,urgency,received") and "Pat Physician, MD" in text
    dialog.set_range(day("2026-12-01"), day("2026-11-01"))
    dialog.refresh()
    assert "before the start date" in dialog.summary.text()
    assert message_boxes == ["Metrics: " + dialog.summary.text()]


def test_tools_menu_opens_both_dialogs(qtbot: Any, world: World) -> None:
    from ixreview.ui.impact_dialog import ImpactDialog
    from ixreview.ui.main_window import MainWindow
    from ixreview.ui.metrics_dialog import MetricsDialog

    window = MainWindow(_desk(world, "drpat"))
    qtbot.addWidget(window)
    tools = next(m for m in window.menuBar().actions() if m.text() == "&Tools").menu()
    actions = {a.text(): a for a in tools.actions()}
    actions["Policy &impact…"].trigger()
    actions["&Metrics…"].trigger()
    impact = window.findChild(ImpactDialog)
    metrics = window.findChild(MetricsDialog)
    assert impact is not None and impact.isVisible()
    assert metrics is not None and metrics.report is not None  # shown for this year
    impact.close()
    metrics.close()
