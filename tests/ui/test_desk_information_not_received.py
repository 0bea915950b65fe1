"""A request for information never answered, through the decision page and the real workflow.

The nurse pends a needs_information case; once the store clock is past the
respond-by date she presses "Information not received"; the physician then sees
the reasons prefilled from what was asked for, and denies (A3, a signed letter).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from helpers import STAFF_PASSWORDS, MovableClock, case_text, signed_in_desk, staff_database
from PySide6.QtCore import Qt

pytestmark = pytest.mark.gui

START = datetime(2026, 11, 22, 15, 0, tzinfo=UTC)


def open_tab(qtbot: Any, desk: Any, reference: str) -> Any:
    from ixreview.ui.review_tab import ReviewTab

    tab = ReviewTab(desk, desk.open_review(reference))
    qtbot.addWidget(tab)
    tab.resize(1300, 820)
    tab.show()
    return tab


def confirm_all(tab: Any) -> None:
    for page in tab.checklist.pages[:-1]:
        assert page.confirm(), (page.page, tab.model.page_errors(page.page))


def pended_case(qtbot: Any, tmp_path: Path) -> tuple[Path, MovableClock, str]:
    clock = MovableClock(START)
    db = staff_database(tmp_path / "cases.sqlite3", clock)
    case = tmp_path / "no-anc.json"
    case.write_text(case_text(**{"labs.anc_per_mm3": None}), encoding="utf-8")
    nurse = signed_in_desk(db, "nina", clock)
    reference, _ = nurse.import_file(case)
    tab = open_tab(qtbot, nurse, reference)
    assert tab.model.evaluation.outcome.value == "needs_information"
    confirm_all(tab)
    decision = tab.checklist.decision
    qtbot.keyClicks(decision.ui.password, STAFF_PASSWORDS["nina"])
    assert decision.act("pend"), decision.ui.action_status.text()
    nurse.close()
    return db, clock, reference


def test_not_received_waits_for_the_respond_by_date(qtbot: Any, tmp_path: Path) -> None:
    db, clock, reference = pended_case(qtbot, tmp_path)
    nurse = signed_in_desk(db, "nina", clock)
    decision = open_tab(qtbot, nurse, reference).checklist.decision
    assert decision.info_status.text() == (
        "Requested on November 22, 2026, respond by January 6, 2027. "
        "Asked for: A recent absolute neutrophil count."
    )
    assert decision.info_not_received.isVisibleTo(decision)
    assert not decision.info_not_received.isEnabled()  # the date has not passed
    nurse.close()


def test_nurse_records_not_received_and_the_physician_denies(
    qtbot: Any, tmp_path: Path
) -> None:
    from ixreview.letters.verify import verify_letter
    from ixreview.workflow.keys import CA_CERTIFICATE_SETTING

    db, clock, reference = pended_case(qtbot, tmp_path)
    clock.now = START + timedelta(days=50)
    nurse = signed_in_desk(db, "nina", clock)
    tab = open_tab(qtbot, nurse, reference)
    decision = tab.checklist.decision
    assert "respond by January 6, 2027 (overdue)" in decision.info_status.text()
    assert not decision.ui.deny.isEnabled()  # a nurse never denies
    decision.info_note.setText("Two calls to the prescriber, no reply")
    assert decision.info_not_received.isEnabled()
    qtbot.mouseClick(decision.info_not_received, Qt.MouseButton.LeftButton)
    assert decision.ui.action_status.text() == (
        "✔ Information not received; referred to a physician reviewer."
    )
    assert tab.review.workflow_state == "referred"
    assert not decision.info_not_received.isEnabled()  # already referred
    assert "Two calls to the prescriber" in decision.ui.reason.toPlainText()
    nurse.close()

    doctor = signed_in_desk(db, "paul", clock)
    tab = open_tab(qtbot, doctor, reference)
    decision = tab.checklist.decision
    assert "recorded as not received" in decision.info_status.text()
    confirm_all(tab)
    reasons = decision.member_reasons()
    assert reasons and set(reasons.values()) == {
        "We asked for a recent absolute neutrophil count on November 22, 2026, to be "
        "sent by January 6, 2027, and did not receive it."
    }
    qtbot.keyClicks(decision.ui.password, STAFF_PASSWORDS["paul"])
    assert decision.ui.deny.isEnabled(), decision.ui.action_status.text()
    qtbot.mouseClick(decision.ui.deny, Qt.MouseButton.LeftButton)
    assert "Denied" in decision.ui.action_status.text(), decision.ui.action_status.text()
    request = doctor.store.requests.by_reference(reference)
    assert str(doctor.store.determinations.current(request.id).decision) == "A3"
    letter = doctor.store.view_request(reference).letters[-1]
    assert letter.kind == "denial"
    report = verify_letter(letter.pdf, [doctor.setting(CA_CERTIFICATE_SETTING)], letter.sha256)
    assert report.ok, report.reasons
    doctor.close()
