"""Whole reviews through the real windows and the real workflow: sign-in to signed letter."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import DATA, case_text
from PySide6.QtCore import Qt

pytestmark = pytest.mark.gui

PASSWORDS = {
    "admin": "Ledger-Walnut-5813",
    "nina": "Harbor-Violet-2741",
    "paul": "Copper-Meadow-9163",
}


@pytest.fixture(scope="module")
def staffed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with an administrator, a nurse and a physician (keys enrolled)."""
    from ixreview.store.store import open_store
    from ixreview.workflow import accounts

    db = tmp_path_factory.mktemp("staff") / "cases.sqlite3"
    store = open_store(db)
    accounts.create_first_admin(
        store,
        username="admin",
        full_name="Ada Admin",
        password=PASSWORDS["admin"],
        organization="Blue Valley Health Plan",
    )
    admin = accounts.sign_in(store, "admin", PASSWORDS["admin"])
    accounts.add_user(
        store,
        admin,
        username="nina",
        full_name="Nina Okafor",
        role="nurse_reviewer",
        password=PASSWORDS["nina"],
        admin_password=PASSWORDS["admin"],
        credentials="RN",
    )
    accounts.add_user(
        store,
        admin,
        username="paul",
        full_name="Paul Lindqvist",
        role="physician_reviewer",
        password=PASSWORDS["paul"],
        admin_password=PASSWORDS["admin"],
        credentials="MD",
        npi="1234567893",
        p2p_phone="865-555-0100",
    )
    from ixreview.ui.desk import Desk

    desk = Desk(store, store.users.by_username("admin"))
    desk.save_settings_form(
        {
            "plan_name": "Blue Valley Health Plan",
            "plan_address": ["PO Box 4410", "Knoxville, TN 37901"],
            "plan_phone": "1-800-555-0199",
            "default_policy": "ING-CC-0090",
        }
    )
    store.close()
    return db


@pytest.fixture
def sign_in(qtbot: Any, staffed_db: Path, tmp_path: Path):
    """Open the app's main window as a user, through the real sign-in dialog."""
    import shutil

    from ixreview.ui.app import Session
    from ixreview.ui.main_window import MainWindow
    from ixreview.ui.signin import SignInDialog

    db = tmp_path / "cases.sqlite3"
    shutil.copy(staffed_db, db)
    opened: list[Any] = []

    def open_as(username: str) -> MainWindow:
        session = Session(db)
        dialog = SignInDialog(session.attempt)
        qtbot.addWidget(dialog)
        qtbot.keyClicks(dialog.ui.username, username)
        qtbot.keyClicks(dialog.ui.password, PASSWORDS[username])
        assert dialog.try_sign_in(), dialog.ui.message.text()
        assert session.desk is not None
        window = MainWindow(session.desk)
        qtbot.addWidget(window)
        window.show()
        opened.append(session.desk)
        return window

    yield open_as
    for desk in opened:
        desk.close()


def confirm_all(tab: Any) -> None:
    for page in tab.checklist.pages[:-1]:
        assert page.confirm(), (page.page, tab.model.page_errors(page.page))


def decide(qtbot: Any, tab: Any, action: str, username: str, reason: str = "") -> Any:
    decision = tab.checklist.decision
    tab.checklist.go_to(5)
    if reason:
        decision.ui.reason.setPlainText(reason)
    qtbot.keyClicks(decision.ui.password, PASSWORDS[username])
    button = getattr(decision.ui, action)
    assert button.isEnabled(), (action, decision.ui.action_status.text())
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return decision


def verify(desk: Any, reference: str) -> Any:
    from ixreview.letters.verify import verify_letter
    from ixreview.workflow.keys import CA_CERTIFICATE_SETTING

    view = desk.store.view_request(reference)
    letter = view.letters[-1]
    return verify_letter(letter.pdf, [desk.setting(CA_CERTIFICATE_SETTING)], letter.sha256)


def test_nurse_approves_and_the_signed_letter_verifies(qtbot: Any, sign_in: Any) -> None:
    w = sign_in("nina")
    reference = w.import_path(DATA / "example-case.json")
    tab = w.current_review()
    assert (tab.model.state.policy or "").startswith("ING-CC-0090")  # the plan's default
    confirm_all(tab)
    from ixreview.ui.words import day

    period = tab.model.evaluation.authorization  # the dates in words, as the letter says them
    said = tab.checklist.decision.ui.outcome.text()
    assert f"Authorization if approved: {day(period.start)} to {day(period.end)}" in said
    decision = decide(qtbot, tab, "approve", "nina")
    assert "Approved" in decision.ui.action_status.text(), decision.ui.action_status.text()
    assert tab.review.read_only and tab.model.read_only
    report = verify(w.desk, reference)
    assert report.ok, report.reasons
    assert "Nina Okafor" in (report.signer or "")
    assert w.preview.isVisible() and w.preview.pdf == w.desk.letters(reference)[-1]
    assert w.queue_model.rowCount() == 0  # decided: off the queue


def test_failing_case_is_referred_by_the_nurse_and_denied_by_a_physician(
    qtbot: Any, sign_in: Any, tmp_path: Path
) -> None:
    case = tmp_path / "low-anc.json"
    case.write_text(case_text(**{"labs.anc_per_mm3": 1100}), encoding="utf-8")
    nurse = sign_in("nina")
    reference = nurse.import_path(case)
    tab = nurse.current_review()
    confirm_all(tab)
    assert not tab.checklist.decision.ui.approve.isEnabled()  # the workflow says no
    assert not tab.checklist.decision.ui.deny.isEnabled()
    decision = decide(qtbot, tab, "refer", "nina", reason="ANC below 1,500; please review")
    assert "Referred" in decision.ui.action_status.text(), decision.ui.action_status.text()
    doctor = sign_in("paul")
    assert [
        doctor.queue_proxy.index(r, 3).data() for r in range(doctor.queue_proxy.rowCount())
    ] == ["Referred to physician"]  # the reviewer's words, not the store's
    tab = doctor.open_review(reference)
    decision = decide(qtbot, tab, "deny", "paul", reason="Baseline neutrophils too low.")
    assert "Denied" in decision.ui.action_status.text(), decision.ui.action_status.text()
    report = verify(doctor.desk, reference)
    assert report.ok and "Paul Lindqvist" in (report.signer or "")


def test_a_case_missing_documents_is_pended(qtbot: Any, sign_in: Any, tmp_path: Path) -> None:
    case = tmp_path / "no-her2.json"
    case.write_text(
        case_text(**{"biomarkers.her2_test_on_file": None, "labs.anc_per_mm3": None}),
        encoding="utf-8",
    )
    w = sign_in("nina")
    reference = w.import_path(case)
    tab = w.current_review()
    assert tab.model.evaluation.outcome.value == "needs_information"
    confirm_all(tab)
    decision = decide(qtbot, tab, "pend", "nina")
    assert "Pended" in decision.ui.action_status.text(), decision.ui.action_status.text()
    assert verify(w.desk, reference).ok


def test_a_wrong_password_signs_nothing(qtbot: Any, sign_in: Any) -> None:
    w = sign_in("nina")
    reference = w.import_path(DATA / "example-case.json")
    tab = w.current_review()
    confirm_all(tab)
    decision = tab.checklist.decision
    qtbot.keyClicks(decision.ui.password, "not-my-password-1")
    assert not decision.act("approve")
    assert "password" in decision.ui.action_status.text()
    assert w.desk.letters(reference) == []
    assert not tab.review.read_only


def test_wrong_sign_in_is_refused_in_words(qtbot: Any, staffed_db: Path) -> None:
    from ixreview.ui.app import Session

    session = Session(staffed_db)
    message = session.attempt("nina", "Wrong-Password-000")
    assert message == "wrong user name or password"
    assert session.desk is not None
    session.desk.close()
