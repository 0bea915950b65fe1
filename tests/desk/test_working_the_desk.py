"""Working the desk: queue filter, confirm-and-move-on, the summary before signing,
lock wording, sign out, the letter preview on a small screen and focus after it."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from helpers import DATA
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_whole_review import PASSWORDS, confirm_all, decide

from ixreview.ui.history_model import COLUMNS

pytestmark = pytest.mark.gui


def _sample(tmp_path: Path, name: str) -> Path:
    text = resources.files("ixreview.resources.samples").joinpath(name).read_text("utf-8")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_queue_filter_ignores_accents_and_case(
    qtbot: Any, sign_in: Any, tmp_path: Path
) -> None:
    w = sign_in("nina")
    w.import_path(_sample(tmp_path, "bcbst-pend-her2-report.json"))
    w.import_path(DATA / "example-case.json")
    w.tabs.setCurrentIndex(0)
    qtbot.keyClicks(w.queue_filter, "asa SODER")
    assert w.queue_proxy.rowCount() == 1
    assert w.queue_proxy.index(0, 0).data() == "Åsa Söderström"
    w.queue_filter.clear()
    assert w.queue_proxy.rowCount() == 2


def test_confirm_moves_to_the_next_step_and_the_summary_comes_before_signing(
    qtbot: Any, sign_in: Any, no_blocking_message_boxes: list[tuple[str, str]]
) -> None:
    w = sign_in("nina")
    assert w.windowTitle() == "ixreview: Nina Okafor, RN (nurse reviewer)"
    w.import_path(DATA / "example-case.json")
    tab = w.current_review()
    checklist = tab.checklist
    for step, page in enumerate(checklist.pages[:-1]):
        assert checklist.steps.currentRow() == step
        qtbot.mouseClick(page.ui.confirm_button, Qt.MouseButton.LeftButton)
        assert checklist.steps.currentRow() == step + 1
    decision = checklist.decision
    assert QApplication.focusWidget() is decision.ui.password or not w.isActiveWindow()
    qtbot.keyClicks(decision.ui.password, PASSWORDS["nina"])
    qtbot.mouseClick(decision.ui.approve, Qt.MouseButton.LeftButton)
    asked = [text for kind, text in no_blocking_message_boxes if kind == "question"]
    assert len(asked) == 1
    summary = asked[0]
    assert "Decision:</b> Approve" in summary
    assert "9 doses of 75 units of J9207 (675 units)" in summary
    assert "approval letter to Dolores Ibáñez" in summary
    assert "Approved" in decision.ui.action_status.text()


def test_going_back_from_the_summary_signs_nothing(
    qtbot: Any, sign_in: Any, monkeypatch: Any
) -> None:
    w = sign_in("nina")
    reference = w.import_path(DATA / "example-case.json")
    tab = w.current_review()
    confirm_all(tab)
    decision = tab.checklist.decision
    monkeypatch.setattr(decision, "confirm_signing", lambda *_a: False)
    qtbot.keyClicks(decision.ui.password, PASSWORDS["nina"])
    assert not decision.act("approve")
    assert w.desk.letters(reference) == []
    assert decision.ui.password.text() == ""


def test_a_lock_by_hand_does_not_blame_inactivity_and_offers_another_reviewer(
    qtbot: Any, sign_in: Any
) -> None:
    w = sign_in("nina")
    w.import_path(DATA / "example-case.json")
    w.statusBar().showMessage("PA-2026-004211 imported")
    w.lock_now()
    assert w.statusBar().currentMessage() == ""
    heading = w.unlock_dialog.ui.heading.text()
    assert "inactivity" not in heading and heading.startswith("ixreview is locked.")
    assert "Nina Okafor, RN" in heading
    w.lock()  # the idle watcher's lock
    assert "inactivity" in w.unlock_dialog.ui.heading.text()
    signed_out: list[bool] = []
    w.signedOut.connect(lambda: signed_out.append(True))
    qtbot.mouseClick(w.unlock_dialog.other, Qt.MouseButton.LeftButton)
    assert signed_out == [True]
    assert w.desk.session is None and w.tabs.count() == 2  # the review tab is closed
    actions = [a.text() for a in w.menuBar().actions()[0].menu().actions()]
    assert "Sign ou&t" in actions


def test_the_status_bar_does_not_follow_to_another_tab(qtbot: Any, sign_in: Any) -> None:
    w = sign_in("nina")
    w.import_path(DATA / "example-case.json")
    assert w.statusBar().currentMessage()
    w.tabs.setCurrentIndex(1)
    assert w.statusBar().currentMessage() == ""


def test_the_letter_preview_fits_the_screen_and_gives_focus_back(qtbot: Any, sign_in: Any) -> None:
    w = sign_in("nina")
    reference = w.import_path(DATA / "example-case.json")
    tab = w.current_review()
    confirm_all(tab)
    decision = tab.checklist.decision
    qtbot.keyClicks(decision.ui.password, PASSWORDS["nina"])
    assert decision.act("approve")
    preview = w.preview
    free = preview.screen().availableGeometry()
    assert preview.height() <= free.height() - 60 + 1
    assert preview.width() <= free.width()
    for button in (preview.print_button, preview.save_button):
        assert button.isVisible()
        assert preview.rect().contains(button.geometry())
    tab.checklist.decision.ui.reason.setFocus()
    before = QApplication.focusWidget()
    preview._return_focus = before  # as when it opened from there
    preview.reject()
    assert QApplication.focusWidget() in (before, None)
    assert w.desk.letters(reference)


def test_the_sign_in_notice_is_shown_over_the_main_window(
    qtbot: Any, staffed_db: Any, tmp_path: Any, monkeypatch: Any, no_blocking_message_boxes: Any
) -> None:
    """Session.notice (e.g. a changed trust root since the last sign-in) reaches the
    reviewer once the main window is up, through the app's real start-up."""
    import shutil

    from ixreview.ui.app import Session
    from ixreview.workflow import trust

    said = "An administrator changed the pinned trust root on 2026-11-30."
    monkeypatch.setattr(trust, "sign_in_notice", lambda _store, _user: said)
    db = tmp_path / "cases.sqlite3"
    shutil.copy(staffed_db, db)
    session = Session(db)
    assert session.attempt("nina", PASSWORDS["nina"]) is None
    app = QApplication.instance()
    session.start_main(app)
    try:
        qtbot.waitUntil(lambda: any(said in text for _kind, text in no_blocking_message_boxes))
        assert [k for k, t in no_blocking_message_boxes if said in t] == ["information"]
    finally:
        app.removeEventFilter(session.watcher)
        session.window.close()
        session.desk.close()


def test_the_referral_note_is_written_into_the_comment_once(qtbot: Any, sign_in: Any) -> None:
    w = sign_in("nina")
    w.import_path(DATA / "example-case.json")
    tab = w.current_review()
    decision = tab.checklist.decision
    tab.checklist.go_to(5)
    note = "Please look at the liver values with me."
    decision.ui.reason.setPlainText(note)  # the note, typed in the review's comment box
    assert decision.act("refer"), decision.ui.action_status.text()
    saved = w.desk.open_review(tab.reference).state.comment
    assert saved.count(note) == 1, saved
    assert saved.startswith("Referred by Nina Okafor") and decision.ui.reason.toPlainText() == saved


def test_a_closed_cases_banner_is_no_taller_than_its_line(
    qtbot: Any, sign_in: Any, no_blocking_message_boxes: Any
) -> None:
    w = sign_in("nina")
    w.resize(1366, 768)
    w.import_path(DATA / "example-case.json")
    tab = w.current_review()
    confirm_all(tab)
    decide(qtbot, tab, "approve", "nina")
    w.close_tab(w.tabs.indexOf(tab))
    past = w.open_review(tab.reference)
    assert past.review.read_only and past.past_bar.isVisible()
    qtbot.waitUntil(lambda: past.checklist.height() > 0)
    bar = past.past_bar
    assert bar.height() <= bar.sizeHint().height() + 4, (bar.height(), bar.sizeHint())
    assert "Approved by Nina Okafor, RN on " in past.past_label.text()
    assert "T" not in past.past_label.text().split(" on ")[1][:16]  # no ISO timestamp
    w.search_history()  # History names the reviewer, never her user name
    decided_by = next(c for c, (head, _a) in enumerate(COLUMNS) if head == "Decided by")
    qtbot.waitUntil(lambda: w.history_model.rowCount() > 0)
    assert w.history_model.index(0, decided_by).data() == "Nina Okafor, RN"


def test_clause_comment_rows_show_their_whole_text(qtbot: Any, sign_in: Any) -> None:
    w = sign_in("nina")
    w.resize(1366, 768)
    w.import_path(DATA / "example-case.json")
    tab = w.current_review()
    tab.checklist.go_to(5)
    table = tab.checklist.decision.ui.clause_comments
    one_line = table.fontMetrics().height() + 8
    long = "A comment that needs several lines in its column to be read whole. " * 3
    table.item(1, 2).setText(long)  # what a double-click edit commits
    assert tab.model.state.clause_comments[table.item(1, 0).data(Qt.ItemDataRole.UserRole)]
    assert table.rowHeight(1) >= table.sizeHintForRow(1) > one_line
    for row in range(table.rowCount()):  # the clause's whole wording, never cut with "…"
        assert "…" not in table.item(row, 0).text()


def test_what_is_missing_is_said_in_words_not_field_paths(
    qtbot: Any, sign_in: Any, tmp_path: Path
) -> None:
    w = sign_in("nina")
    w.desk.store.settings.set("policy.default", "BCBST-IXEMPRA", actor=None)  # its policy
    w.import_path(_sample(tmp_path, "bcbst-pend-her2-report.json"))
    tab = w.current_review()
    tab.checklist.go_to(5)
    outcome = tab.checklist.decision.ui.outcome.text()
    assert "Information needed" in outcome and "HER2 test report" in outcome, outcome
    assert "biomarkers." not in outcome and "_on_file" not in outcome


def test_the_received_time_is_shown_in_words_and_fixed(qtbot: Any, sign_in: Any) -> None:
    w = sign_in("nina")
    w.import_path(DATA / "example-case.json")  # received_at 2026-11-19T09:30:00-06:00
    field = w.current_review().checklist.page("request").ui.received_at
    assert field.text() == "2026-11-19 09:30 (UTC−06:00)" and field.isReadOnly()
