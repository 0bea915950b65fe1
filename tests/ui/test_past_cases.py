"""Past cases: reprint (audited), start a continuation from an approval, new empty review,
and the QtPdf letter preview."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from helpers import DATA, STAFF_PASSWORDS, case_text, signed_in_desk, staff_database
from PySide6.QtCore import QBuffer, QByteArray, Qt
from PySide6.QtWidgets import QLabel

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def decided_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Staff, plus the example case approved by the nurse and a low-ANC case denied."""
    db = staff_database(tmp_path_factory.mktemp("past") / "cases.sqlite3")
    nurse = signed_in_desk(db, "nina")
    doctor = signed_in_desk(db, "paul")
    try:
        ref, _ = nurse.import_text(case_text())
        nurse.decide(nurse.open_review(ref), "approve", "", STAFF_PASSWORDS["nina"], None)
        low, _ = nurse.import_text(
            case_text(**{"reference": "PA-2026-009001", "labs.anc_per_mm3": 1100})
        )
        nurse.decide(nurse.open_review(low), "refer", "ANC low", "", None)
        from ixreview.workflow import operations, permissions

        evaluation = operations.evaluate_review(doctor.store, doctor.session, low)
        review = doctor.open_review(low)
        doctor.decide(review, "deny", "", STAFF_PASSWORDS["paul"], evaluation)
        assert permissions.denial_reasons(evaluation)
    finally:
        nurse.close()
        doctor.close()
    return db


@pytest.fixture
def window(qtbot: Any, decided_db: Path, tmp_path: Path):
    from ixreview.ui.main_window import MainWindow

    db = tmp_path / "cases.sqlite3"
    shutil.copy(decided_db, db)
    desk = signed_in_desk(db, "nina")
    w = MainWindow(desk)
    qtbot.addWidget(w)
    w.show()
    yield w
    for i in range(w.tabs.count() - 1, 1, -1):
        w.close_tab(i)
    desk.close()


def search(qtbot: Any, window: Any, text: str) -> None:
    window.focus_search()
    window.history_box.setText(text)
    window.search_history()


def select_history(window: Any, reference: str) -> None:
    model = window.history_model
    row = next(r for r in range(model.rowCount()) if model.row(r).reference == reference)
    window.history_view.selectRow(row)


def audit(desk: Any, action: str) -> list[Any]:
    return [e for e in desk.store.audit.entries() if e.action == action]


def test_history_buttons_follow_the_selected_case(qtbot: Any, window: Any) -> None:
    search(qtbot, window, "ibanez")
    assert window.history_model.rowCount() == 2
    page = window.history_page
    assert not page.continue_button.isEnabled()  # nothing selected yet
    select_history(window, "PA-2026-004211")
    assert page.reprint_button.isEnabled() and page.continue_button.isEnabled()
    select_history(window, "PA-2026-009001")  # denied: a letter, but nothing to continue
    assert page.reprint_button.isEnabled() and not page.continue_button.isEnabled()


def test_history_open_and_continue_buttons_act_on_the_selected_case(
    qtbot: Any, window: Any
) -> None:
    search(qtbot, window, "ibanez")
    assert window.statusBar().currentMessage() == "2 shown (more load on scroll)"
    select_history(window, "PA-2026-009001")
    qtbot.mouseClick(window.history_page.open_button, Qt.MouseButton.LeftButton)
    tab = window.current_review()
    assert tab.reference == "PA-2026-009001" and tab.review.read_only
    window.tabs.setCurrentIndex(1)
    select_history(window, "PA-2026-004211")
    qtbot.mouseClick(window.history_page.continue_button, Qt.MouseButton.LeftButton)
    tab = window.current_review()
    assert tab.reference not in ("PA-2026-004211", "PA-2026-009001")
    assert "continuation of PA-2026-004211" in window.statusBar().currentMessage()


def test_reprint_shows_the_signed_original_and_audits_print_and_save(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    desk = window.desk
    search(qtbot, window, "PA-2026-004211")
    select_history(window, "PA-2026-004211")
    qtbot.mouseClick(window.history_page.reprint_button, Qt.MouseButton.LeftButton)
    preview = window.preview
    (letter,) = desk.letter_records("PA-2026-004211")
    assert preview.pdf == letter.pdf and preview.page_count() >= 1
    assert "Reprint of the approval letter" in preview.findChildren(QLabel)[0].text()
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    preview.print_to(printer)
    preview.save_to(tmp_path / "copy.pdf")
    assert (tmp_path / "copy.pdf").read_bytes() == letter.pdf
    (printed,) = audit(desk, "printed")
    (exported,) = audit(desk, "exported")
    for entry in (printed, exported):
        assert entry.object_type == "letter" and entry.object_id == str(letter.id)
        assert entry.actor_id == desk.user.id
        assert entry.details["reprint"] is True
        assert entry.details["determination_id"] == letter.determination_id
    assert str(tmp_path) not in json.dumps(exported.details)  # paths may name members
    assert desk.store.verify_audit_chain().ok


def test_a_continuation_is_prefilled_from_the_approval_and_linked_to_it(
    qtbot: Any, window: Any
) -> None:
    desk = window.desk
    past = desk.past_case("PA-2026-004211")
    assert past.can_continue and past.authorization_number
    tab = window.open_review("PA-2026-004211")
    assert tab.review.read_only and not tab.past_bar.isHidden()
    assert past.authorization_number in tab.past_label.text()
    from ixreview.ui.words import day  # the period in words, as the letter prints it

    assert f"{day(past.period_start)} to {day(past.period_end)}" in tab.past_label.text()
    assert past.period_end not in tab.past_label.text()  # not "2027-05-31"
    assert tab.continue_button.isEnabled()
    with qtbot.waitSignal(tab.continuationRequested):
        tab.continue_button.click()
    new = window.current_review()
    assert new is not tab and new.reference.startswith("IXR-")
    assert not new.review.read_only and new.past_bar.isHidden()
    request = desk.store.requests.by_reference(new.reference)
    approval = desk.store.determinations.current(
        desk.store.requests.by_reference("PA-2026-004211").id
    )
    assert request.continuation_of == approval.id
    case = request.case()
    assert case.is_continuation
    assert case.continuation.prior_authorization == past.authorization_number
    assert case.labs.anc_per_mm3 is None  # new baseline labs are the reviewer's to enter
    start = date.fromisoformat(past.period_end) + timedelta(days=1)
    assert case.medication.requested_start == start
    assert any(t.agent == "ixabepilone" for t in case.prior_therapies)
    assert new.model.value("continuation.prior_authorization") == past.authorization_number
    assert new.reference in {e.reference for e in desk.queue()}


def test_a_denial_cannot_be_continued(qtbot: Any, window: Any, monkeypatch: Any) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        "ixreview.ui.main_window.QMessageBox.warning", lambda *a: shown.append(a[2])
    )
    tab = window.open_review("PA-2026-009001")
    assert tab.continue_button.isHidden() and tab.reprint_button.isEnabled()
    assert window.start_continuation("PA-2026-009001") is None
    assert "not an approval" in shown[0]


def test_new_empty_review_creates_a_request_and_opens_it(qtbot: Any, window: Any) -> None:
    from ixreview.ui.new_review import NewReviewDialog

    dialog = NewReviewDialog(window.desk, window)
    qtbot.addWidget(dialog)
    assert not dialog.try_create()  # neither a name nor an ID
    assert "last name or member ID" in dialog.ui.last_name_error.text()
    qtbot.keyClicks(dialog.ui.first_name, "Ana")
    dialog.ui.last_name.setText("Ruiz-Ōtani")  # keyClicks types ASCII only
    dialog.ui.urgency.setCurrentIndex(dialog.ui.urgency.findData("expedited"))
    assert dialog.try_create(), dialog.ui.message.text()
    assert dialog.reference is not None
    tab = window.open_review(dialog.reference)
    assert tab.model.value("member.last_name") == "Ruiz-Ōtani"
    assert tab.model.value("urgency") == "expedited"
    assert tab.model.value("labs.anc_per_mm3") in (None, "")
    window.refresh_queue()
    assert dialog.reference in {e.reference for e in window.desk.queue()}


def test_load_sample_requests_from_the_file_menu(qtbot: Any, window: Any) -> None:
    from ixreview.workflow.demo import samples

    assert window.load_samples() == len(samples())
    assert window.load_samples() == 0  # nothing twice
    assert "already here" in window.statusBar().currentMessage()


# -- the QtPdf preview itself ---------------------------------------------------------------


def _pdf(tmp_path: Path, pages: int = 2) -> bytes:
    from reportlab.pdfgen import canvas

    path = tmp_path / "in.pdf"
    c = canvas.Canvas(str(path))
    for n in range(pages):
        c.setFont("Helvetica", 28)
        c.drawString(72, 720, f"Approved: page {n + 1}")
        c.showPage()
    c.save()
    return path.read_bytes()


def test_letter_preview_renders_with_qtpdf_prints_and_saves_the_exact_bytes(
    qtbot: Any, tmp_path: Path
) -> None:
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView
    from PySide6.QtPrintSupport import QPrinter

    from ixreview.ui.letter_preview import LetterPreview

    pdf = _pdf(tmp_path)
    preview = LetterPreview(pdf, "PA-1")
    qtbot.addWidget(preview)
    preview.show()
    assert isinstance(preview.view, QPdfView) and preview.view.document() is preview.document
    assert preview.page_count() == 2
    assert preview.document.getAllText(0).text().startswith("Approved: page 1")
    image = preview.page_image(0, dpi=72)
    assert (image.width(), image.height()) == (595, 842)  # A4 at 72 dpi: one pixel a point
    dark = sum(
        1 for x in range(60, 400, 2) for y in range(96, 126) if image.pixelColor(x, y).value() < 128
    )
    assert dark > 50  # the text was drawn, on white
    assert image.pixelColor(5, 5).value() == 255
    out = tmp_path / "saved.pdf"
    with qtbot.waitSignal(preview.saved):
        preview.save_to(out)
    assert out.read_bytes() == pdf
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    with qtbot.waitSignal(preview.printed):
        preview.print_to(printer)
    printed = QPdfDocument()
    buffer = QBuffer()
    buffer.setData(QByteArray((tmp_path / "printed.pdf").read_bytes()))
    buffer.open(QBuffer.OpenModeFlag.ReadOnly)
    printed.load(buffer)
    assert printed.pageCount() == 2


def test_letter_preview_refuses_bytes_that_are_not_a_pdf(qtbot: Any) -> None:
    from ixreview.ui.letter_preview import LetterError, LetterPreview

    with pytest.raises(LetterError, match="cannot be shown"):
        LetterPreview(b"not a pdf at all", "PA-1")


def test_example_case_file_is_the_fixture_these_tests_decide() -> None:
    assert json.loads((DATA / "example-case.json").read_text("utf-8"))["reference"] == (
        "PA-2026-004211"
    )
