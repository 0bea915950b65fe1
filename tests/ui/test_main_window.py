"""The main window over a real store: import, queue, autosave, history, lock, letters."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from helpers import DATA, case_text, open_desk
from PySide6.QtCore import QMimeData, QModelIndex, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def window(qtbot: Any, tmp_path: Path):
    from ixreview.ui.main_window import MainWindow

    desk = open_desk(tmp_path / "cases.sqlite3")
    w = MainWindow(desk)
    qtbot.addWidget(w)
    w.show()
    yield w
    for i in range(w.tabs.count() - 1, 1, -1):
        w.close_tab(i)
    desk.close()


def test_import_opens_the_review_and_every_change_is_saved_after_commit(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    assert window.save_status.text() == ""
    reference = window.import_path(DATA / "example-case.json")
    assert reference == "PA-2026-004211"
    assert window.queue_model.rowCount() == 1
    tab = window.current_review()
    assert tab is not None and tab.reference == reference
    labs = tab.checklist.page("labs")
    labs.ui.labs_ast_u_l.clear()
    qtbot.keyClicks(labs.ui.labs_ast_u_l, "44")
    assert window.save_status.text() == f"Saved {tab.last_saved}"
    # What the store holds is what a fresh window shows.
    again = window.desk.open_review(reference)
    assert again.state.value("labs.ast_u_l") == "44"
    assert again.state.origin("labs.ast_u_l").value == "override"
    assert again.state.answers["labs.ast_u_l"].imported == 31


def test_a_stale_save_says_not_saved(qtbot: Any, window: Any, monkeypatch: Any) -> None:
    reference = window.import_path(DATA / "example-case.json")
    tab = window.current_review()
    other = window.desk.open_review(reference)  # a second window saves first
    other.state.set("labs.ast_u_l", "35")
    window.desk.save_review(other)
    shown: list[str] = []
    monkeypatch.setattr(
        "ixreview.ui.main_window.QMessageBox.warning", lambda *a: shown.append(a[2])
    )
    tab.model.set_answer("labs.alt_u_l", "30")
    assert window.save_status.text() == "NOT saved"
    assert "another window" in shown[0]


def test_invalid_case_file_is_refused_with_the_field_named(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(case_text(**{"labs.anc_per_mm3": "lots"}), encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(
        "ixreview.ui.main_window.QMessageBox.warning", lambda *a: shown.append(a[2])
    )
    assert window.import_path(bad) is None
    assert "labs.anc_per_mm3" in shown[0] and "must be a number" in shown[0]


def test_dropping_a_case_file_imports_it(qtbot: Any, window: Any) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(DATA / "example-case.json"))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert window.current_review().reference == "PA-2026-004211"


def test_queue_shows_overdue_in_red_sorts_by_time_left_and_filters(qtbot: Any, window: Any) -> None:
    from ixreview.ui.colors import tone
    from ixreview.ui.queue_model import QueueEntry

    now = datetime(2026, 11, 22, 12, tzinfo=UTC)
    window.queue_model.set_entries(
        [
            QueueEntry("PA-1", "Ana Ruiz", "standard", "draft", now + timedelta(days=9)),
            QueueEntry("PA-2", "Bo Lind", "expedited", "referred", now - timedelta(hours=3)),
            QueueEntry("PA-3", "Cy Park", "expedited", "draft", now + timedelta(hours=20)),
        ],
        now,
    )
    proxy = window.queue_proxy
    proxy.sort(4, Qt.SortOrder.AscendingOrder)
    refs = [proxy.index(r, 1).data() for r in range(proxy.rowCount())]
    assert refs == ["PA-2", "PA-3", "PA-1"]
    assert proxy.index(0, 4).data() == "overdue by 3 h"
    assert proxy.index(0, 4).data(Qt.ItemDataRole.ForegroundRole) == tone("bad")
    assert proxy.index(1, 4).data(Qt.ItemDataRole.ForegroundRole) is None
    qtbot.keyClicks(window.queue_filter, "referred")
    assert proxy.rowCount() == 1 and proxy.index(0, 0).data() == "Bo Lind"


def test_history_search_opens_a_past_case_read_only(qtbot: Any, window: Any) -> None:
    from ixreview.store.models import ReviewState

    desk = window.desk
    reference, _ = desk.import_text(case_text())
    record = desk.store.requests.by_reference(reference)
    review = desk.store.reviews.for_request(record.id)
    desk.store.reviews.save(replace(review, state=ReviewState.DECIDED), actor=desk.actor)
    window.focus_search()
    qtbot.keyClicks(window.history_box, "ibanez")  # accent-insensitive, the store's rule
    qtbot.keyClick(window.history_box, Qt.Key.Key_Return)
    assert window.history_model.rowCount() == 1
    window.history_view.activated.emit(window.history_model.index(0, 1))
    tab = window.current_review()
    assert tab.reference == reference and tab.review.read_only
    labs = tab.checklist.page("labs")
    assert not labs.ui.labs_ast_u_l.isEnabled()
    tab.model.set_answer("labs.ast_u_l", "99")  # ignored: a decided review is locked
    assert tab.model.value("labs.ast_u_l") == 31


def test_history_table_fetches_pages_on_demand(qtbot: Any) -> None:
    from ixreview.ui.history_model import PAGE, HistoryModel

    total = 1_000_000
    calls: list[str | None] = []

    class Row:
        def __init__(self, n: int) -> None:
            self.reference, self.member_name = f"PA-{n:07d}", f"Member {n}"

    def fetch(after: str | None, limit: int) -> tuple[list[Any], str | None]:
        calls.append(after)
        start = int(after or 0)
        end = min(start + limit, total)
        return [Row(n) for n in range(start, end)], (str(end) if end < total else None)

    model = HistoryModel(fetch)
    model.reset(fetch)
    assert model.rowCount() == PAGE and calls == [None]
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * PAGE and calls == [None, str(PAGE)]
    assert model.index(PAGE + 1, 1).data() == f"PA-{PAGE + 1:07d}"


def test_idle_lock_hides_phi_and_needs_the_same_users_password(
    qtbot: Any, window: Any, monkeypatch: Any
) -> None:
    from ixreview.ui.idle_lock import IdleWatcher
    from ixreview.workflow.idle import IdleLock

    window.import_path(DATA / "example-case.json")
    clock = [0.0]
    watcher = IdleWatcher(IdleLock(1, clock=lambda: clock[0]), window)
    watcher.lockRequested.connect(window.lock)
    window.unlocked = watcher.lock.unlock
    monkeypatch.setattr(window.desk, "check_password", lambda pw: pw == "right password")
    clock[0] = 59
    watcher.poll()
    assert not window.is_locked()
    clock[0] = 61
    watcher.poll()
    assert window.is_locked()
    assert not window.tabs.isVisible()  # no PHI on screen
    assert "Ibáñez" not in window.windowTitle()
    dialog = window.unlock_dialog
    qtbot.keyClicks(dialog.ui.password, "wrong")
    assert not dialog.try_unlock()
    assert window.is_locked() and "not your password" in dialog.ui.message.text()
    qtbot.keyClicks(dialog.ui.password, "right password")
    assert dialog.try_unlock()
    assert not window.is_locked() and window.tabs.isVisible()
    assert not watcher.lock.locked


def test_sign_in_dialog_shows_the_refusal_and_accepts_on_success(qtbot: Any) -> None:
    from ixreview.ui.signin import SignInDialog

    def attempt(user: str, password: str) -> str | None:
        return (
            None if (user, password) == ("nina", "s3cret-enough") else "wrong user name or password"
        )

    dialog = SignInDialog(attempt)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.ui.username, "nina")
    qtbot.keyClicks(dialog.ui.password, "nope")
    assert not dialog.try_sign_in()
    assert dialog.ui.message.text() == "Wrong user name or password"  # as a sentence
    assert dialog.ui.password.text() == ""
    qtbot.keyClicks(dialog.ui.password, "s3cret-enough")
    with qtbot.waitSignal(dialog.accepted):
        dialog.try_sign_in()


def test_autosave_survives_a_killed_process(tmp_path: Path) -> None:
    db = tmp_path / "cases.sqlite3"
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from helpers import DATA, open_desk
        from ixreview.ui.main_window import MainWindow
        desk = open_desk(__import__("pathlib").Path({str(db)!r}))
        w = MainWindow(desk)
        w.import_path(DATA / "example-case.json")
        tab = w.current_review()
        tab.model.set_answer("labs.bilirubin_mg_dl", "0.9")
        tab.checklist.page("request").confirm()
        print(w.save_status.text(), flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == -9, done.stderr
    assert done.stdout.startswith("Saved ")
    desk = open_desk(db)
    try:
        review = desk.open_review("PA-2026-004211")
        assert review.state.value("labs.bilirubin_mg_dl") == "0.9"
        assert review.state.origin("labs.bilirubin_mg_dl").value == "override"
        assert review.state.confirmed == {"request"}
        assert desk.store.integrity_check() == ["ok"]
    finally:
        desk.close()


def test_gui_command_without_a_display_says_so_in_one_line() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = ""
    done = subprocess.run(
        [sys.executable, "-m", "ixreview", "gui"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "no display" in lines[0] and "ixreview" in lines[0]
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_gui_command_with_a_display_nobody_answers_says_so_in_one_line() -> None:
    # DISPLAY names a server that is not there: Qt would abort; we say so and exit 1.
    env = {k: v for k, v in os.environ.items() if k != "WAYLAND_DISPLAY"}
    env.update(DISPLAY=":87", QT_QPA_PLATFORM="")
    done = subprocess.run(
        [sys.executable, "-m", "ixreview", "gui"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "no display" in lines[0]


def test_an_x_server_socket_counts_as_a_display(tmp_path: Path) -> None:
    import socket

    from ixreview.cli.gui_cmd import display_available, x_server_answers

    assert not x_server_answers(":87")
    assert not x_server_answers("not-a-display")
    assert display_available({"QT_QPA_PLATFORM": "offscreen"}, platform="linux")
    assert display_available({}, platform="win32")
    assert not display_available({}, platform="linux")
    # A listening socket where X puts it for display :N is a display.
    x11 = Path("/tmp/.X11-unix")
    x11.mkdir(exist_ok=True)
    path = x11 / "X86"
    with socket.socket(socket.AF_UNIX) as server:
        if path.exists():
            path.unlink()
        server.bind(str(path))
        server.listen(1)
        try:
            assert x_server_answers(":86")
            assert display_available({"DISPLAY": ":86.0"}, platform="linux")
        finally:
            path.unlink()
