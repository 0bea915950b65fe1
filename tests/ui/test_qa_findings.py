"""Findings of the QA walk-through (reviewer words, step names, denial reasons shown
before denying, columns that fit, readable clauses, the dark palette), each pinned."""

from __future__ import annotations

import html
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from helpers import DATA, case_text
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from test_whole_review import confirm_all, decide, sign_in, staffed_db  # noqa: F401

pytestmark = pytest.mark.gui


def test_queue_and_history_show_reviewer_words_and_filter_and_sort_on_them(qtbot: Any) -> None:
    from types import SimpleNamespace

    from ixreview.ui.history_model import COLUMNS, HistoryModel
    from ixreview.ui.queue_model import QueueEntry, QueueModel, QueueProxy

    now = datetime(2026, 11, 22, 12, tzinfo=UTC)
    model, proxy = QueueModel(), QueueProxy()
    proxy.setSourceModel(model)
    model.set_entries(
        [
            QueueEntry("PA-1", "Ann", "standard", "draft", now + timedelta(days=3)),
            QueueEntry("PA-2", "Bea", "standard", "referred", now + timedelta(days=2)),
            QueueEntry("PA-3", "Cy", "expedited", "pended", now + timedelta(days=1)),
        ],
        now,
    )
    shown = {model.index(r, 1).data(): model.index(r, 3).data() for r in range(3)}
    assert shown == {
        "PA-1": "New / in review",
        "PA-2": "Referred to physician",
        "PA-3": "Pended for information",
    }
    proxy.setFilterFixedString("to physician")  # what the reviewer reads
    assert [proxy.index(r, 1).data() for r in range(proxy.rowCount())] == ["PA-2"]
    proxy.setFilterFixedString("pended for")
    assert [proxy.index(r, 1).data() for r in range(proxy.rowCount())] == ["PA-3"]
    proxy.setFilterFixedString("")
    proxy.sort(3, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 3).data() for r in range(3)] == [
        "New / in review",
        "Pended for information",
        "Referred to physician",
    ]
    proxy.sort(4, Qt.SortOrder.AscendingOrder)  # time left still sorts by seconds
    assert [proxy.index(r, 1).data() for r in range(3)] == ["PA-3", "PA-2", "PA-1"]

    fields = {attr: "" for _h, attr in COLUMNS}
    rows = [
        SimpleNamespace(**{**fields, "reference": "PA-9", "state": "decided"}),
        SimpleNamespace(**{**fields, "reference": "PA-8", "state": "cancelled"}),
    ]
    history = HistoryModel(lambda _after, _limit: (rows, None))
    history.reset(lambda _after, _limit: (rows, None))
    state_col = [attr for _h, attr in COLUMNS].index("state")
    assert [history.index(r, state_col).data() for r in range(2)] == ["Decided", "Cancelled"]


def test_the_decision_page_names_unconfirmed_pages_by_their_steps(make_checklist: Any) -> None:
    w = make_checklist()
    for name in ("request", "diagnosis", "treatment", "biomarkers"):
        assert w.page(name).confirm()
    text = w.decision.ui.pages_status.text()
    assert text == "Confirm these pages before deciding: 5 Labs.", text


def test_a_physician_reads_and_edits_the_denial_reasons_before_denying(
    qtbot: Any, sign_in: Any, tmp_path: Path  # noqa: F811
) -> None:
    case = tmp_path / "low-anc.json"
    case.write_text(case_text(**{"labs.anc_per_mm3": 1100}), encoding="utf-8")
    nurse = sign_in("nina")
    reference = nurse.import_path(case)
    tab = nurse.current_review()
    confirm_all(tab)
    table = tab.checklist.decision.ui.clause_comments
    assert tab.checklist.decision.member_reasons() == {}  # a nurse may not deny
    decide(qtbot, tab, "refer", "nina", reason="ANC below 1,500; please review")

    doctor = sign_in("paul")
    tab = doctor.open_review(reference)
    page = tab.checklist.decision
    tab.checklist.go_to(5)
    from ixreview.workflow.permissions import denial_reasons

    prefill = denial_reasons(tab.model.evaluation)
    assert prefill, "the case fails criteria"
    table = page.ui.clause_comments
    rows = {table.item(r, 0).data(Qt.ItemDataRole.UserRole): r for r in range(table.rowCount())}
    for cid, reason in prefill.items():  # visible before anything is pressed
        cell = table.item(rows[cid], 2)
        assert cell.text() == reason and cell.font().italic(), cid
        assert "letter" in cell.toolTip()
    assert "reason for the member" in page.ui.clause_comments_label.text()

    edited_clause = next(iter(prefill))
    mine = "Your neutrophil count on 2026-11-10 was 1,100 cells/mm³; at least 1,500 is needed."
    table.item(rows[edited_clause], 2).setText(mine)  # what a double-click edit commits
    assert tab.model.state.clause_comments[edited_clause] == mine
    assert not table.item(rows[edited_clause], 2).font().italic()
    assert page.member_reasons()[edited_clause] == mine

    decide(qtbot, tab, "deny", "paul", reason="Baseline neutrophils too low.")
    assert "Denied" in page.ui.action_status.text(), page.ui.action_status.text()
    store = doctor.desk.store
    request = store.requests.by_reference(reference)
    determination = store.determinations.current(request.id)
    assert f"{edited_clause}: {mine}" in determination.rationale
    from io import BytesIO

    from pypdf import PdfReader

    letter = doctor.desk.letters(reference)[-1]
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(letter)).pages)
    assert "1,100 cells/mm" in " ".join(text.split())


def test_every_regimen_column_is_visible_at_the_default_window_size(
    qtbot: Any, tmp_path: Path
) -> None:
    from helpers import open_desk

    from ixreview.ui.main_window import MainWindow

    desk = open_desk(tmp_path / "cases.sqlite3")
    window = MainWindow(desk)
    qtbot.addWidget(window)
    window.resize(1440, 900)
    window.show()
    window.import_path(DATA / "example-case.json")
    tab = window.current_review()
    tab.checklist.go_to(2)
    QApplication.processEvents()
    table = tab.checklist.page("treatment").ui.therapies
    header = table.horizontalHeader()
    assert table.horizontalScrollBar().maximum() == 0  # nothing to scroll sideways to
    assert header.length() <= table.viewport().width()
    for c in range(1, header.count()):  # every column at least as wide as its contents
        assert header.sectionSize(c) >= header.sectionSizeHint(c), c
    desk.close()


def test_long_timeline_labels_get_the_room_they_need_or_an_ellipsis_and_a_tooltip(
    make_model: Any, qtbot: Any
) -> None:
    from helpers import example

    from ixreview.ui.timeline import TimelineWidget

    data = example()
    data["prior_therapies"].append(
        {
            "agent": "sacituzumab govitecan",
            "class": "other",
            "setting": "metastatic",
            "start": "2025-03-01",
        }
    )
    timeline = TimelineWidget()
    qtbot.addWidget(timeline)
    timeline.set_case(make_model(data).case)
    long_label = "sacituzumab govitecan (metastatic)"
    timeline.resize(900, 300)
    assert long_label in timeline.shown_labels()  # whole, not cut at a fixed 200 px
    timeline.resize(330, 300)
    shown = timeline.shown_labels()[-1]
    assert shown != long_label and shown.endswith("…")
    row_y = 28 + 34 * (len(timeline.rows()) - 1) + 10
    assert timeline.tooltip_at(row_y).startswith(long_label)


def test_every_clause_row_gives_its_whole_wording_and_reason_without_a_click(
    make_checklist: Any,
) -> None:
    w = make_checklist()
    items = w.criteria.items()
    for c in w.model.evaluation.clauses:
        item = items[c.id]
        assert "…" not in item.text(0)
        words = " ".join(c.text.split())
        for col in (0, 1):
            tip = item.toolTip(col)
            assert html.escape(words) in tip, (c.id, col)
            assert html.escape(c.reason) in tip, (c.id, col)
    header = w.criteria.tree.header()
    assert header.sectionSize(0) > 230  # the clause column takes the panel's free width


@pytest.fixture
def dark(qtbot: Any):
    from ixreview.ui.colors import dark_palette

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    app.setPalette(dark_palette())
    yield app.palette()
    app.setPalette(before)


def test_status_colours_stay_readable_on_the_dark_palette(
    make_checklist: Any, dark: QPalette
) -> None:
    from ixreview.ui.colors import TONES, contrast, tone
    from ixreview.ui.queue_model import QueueEntry, QueueModel

    base = dark.color(QPalette.ColorRole.Base)
    window = dark.color(QPalette.ColorRole.Window)
    for name in TONES:
        for background in (base, window):
            assert contrast(tone(name), background) >= 4.5, name
    now = datetime(2026, 11, 22, tzinfo=UTC)
    queue = QueueModel()
    queue.set_entries([QueueEntry("PA-1", "Ann", "standard", "draft", now - timedelta(1))], now)
    overdue = queue.index(0, 4).data(Qt.ItemDataRole.ForegroundRole)
    assert contrast(overdue, base) >= 4.5
    w = make_checklist()
    assert tone("good").name() in w.criteria.outcome.text()  # the dark palette's green
    from ixreview.ui.fields import FieldMessage

    message = FieldMessage()
    message.show_messages(["bad date"], [])
    assert tone("bad").name() in message.styleSheet()


def test_the_dark_palette_keeps_the_light_tones_on_a_light_palette(qtbot: Any) -> None:
    from ixreview.ui.colors import TONES, contrast, tone

    light = QApplication.style().standardPalette()
    for name in TONES:
        for role in (QPalette.ColorRole.Base, QPalette.ColorRole.Window):
            assert contrast(tone(name, light), light.color(role)) >= 4.5, name


def test_the_queue_shows_reviewer_words_in_the_real_window(qtbot: Any, tmp_path: Path) -> None:
    from helpers import open_desk

    from ixreview.ui.main_window import MainWindow

    desk = open_desk(tmp_path / "cases.sqlite3")
    window = MainWindow(desk)
    qtbot.addWidget(window)
    window.import_path(DATA / "example-case.json")
    window.refresh_queue()
    assert window.queue_proxy.index(0, 3).data() == "New / in review"
    window.queue_filter.setText("in review")
    assert window.queue_proxy.rowCount() == 1
    window.queue_filter.setText("draft")  # the store's word is not shown, so no match
    assert window.queue_proxy.rowCount() == 0
    assert window.queue_proxy.index(0, 0, QModelIndex()).isValid() is False
    desk.close()
