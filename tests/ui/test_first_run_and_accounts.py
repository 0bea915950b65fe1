"""First start (create the first administrator, load the samples) and the accounts tab."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from helpers import STAFF_PASSWORDS, fast_security, signed_in_desk, staff_database
from PySide6.QtWidgets import QDialog

pytestmark = pytest.mark.gui
ADMIN_PASSWORD = "Juniper-Atlas-4471"


@pytest.fixture
def session(tmp_path: Path):
    from ixreview.ui.app import Session

    s = Session(tmp_path / "new.sqlite3")
    s.open_desk().security = fast_security()
    yield s
    assert s.desk is not None
    s.desk.close()


def fill_first_admin(qtbot: Any, dialog: Any, password: str = ADMIN_PASSWORD) -> None:
    ui = dialog.ui
    qtbot.keyClicks(ui.organization, "Blue Valley Health Plan")
    qtbot.keyClicks(ui.full_name, "Grace Hopper-Ortiz")
    qtbot.keyClicks(ui.username, "grace")
    qtbot.keyClicks(ui.password, password)
    qtbot.keyClicks(ui.confirm, password)


def test_a_new_database_asks_for_the_first_administrator_and_loads_the_samples(
    qtbot: Any, session: Any
) -> None:
    from ixreview.workflow.demo import samples

    dialog = session.first_admin_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()  # nothing typed yet
    assert dialog.ui.password_error.text() == ""  # no complaints before typing
    fill_first_admin(qtbot, dialog)
    assert dialog.ok_button.isEnabled(), dialog.problems()
    assert dialog.load_samples()  # offered, on by default
    with qtbot.waitSignal(dialog.accepted):
        assert dialog.submit()
    desk = session.desk
    assert desk.user is not None and desk.user.username == "grace" and desk.is_admin
    message = session.finish_first_run(dialog)
    assert f"{len(samples())} sample requests" in message and "Reviewer accounts" in message
    queue = {entry.reference for entry in desk.queue()}
    assert queue == {s.data()["reference"] for s in samples()}
    assert not desk.needs_first_admin()
    assert session.first_admin_dialog() is None  # the next start signs in as usual


def test_the_password_policy_speaks_at_the_field_as_it_is_typed(
    qtbot: Any, session: Any
) -> None:
    dialog = session.first_admin_dialog()
    qtbot.addWidget(dialog)
    ui = dialog.ui
    qtbot.keyClicks(ui.username, "Grace Hopper")
    assert "not a user name" in ui.username_error.text()
    ui.username.clear()
    qtbot.keyClicks(ui.username, "grace")
    assert ui.username_error.text() == ""
    qtbot.keyClicks(ui.password, "short")
    assert ui.password_error.text() == "must be at least 12 characters long"
    ui.password.clear()
    qtbot.keyClicks(ui.password, "Password2026!")
    assert "too common" in ui.password_error.text()
    ui.password.clear()
    qtbot.keyClicks(ui.password, "grace-was-here-77")
    assert "user name" in ui.password_error.text()
    ui.password.clear()
    qtbot.keyClicks(ui.password, ADMIN_PASSWORD)
    assert ui.password_error.text() == ""
    qtbot.keyClicks(ui.confirm, ADMIN_PASSWORD[:-1])
    assert ui.confirm_error.text() == "does not match the password"
    assert not dialog.ok_button.isEnabled()
    assert not dialog.submit()
    assert session.desk.needs_first_admin()  # nothing was created


def test_without_samples_the_queue_stays_empty(qtbot: Any, session: Any) -> None:
    dialog = session.first_admin_dialog()
    qtbot.addWidget(dialog)
    fill_first_admin(qtbot, dialog)
    dialog.ui.load_samples.setChecked(False)
    assert dialog.submit()
    assert "sample" not in session.finish_first_run(dialog)
    assert session.desk.queue() == []


def test_app_start_swaps_sign_in_for_the_first_administrator(
    qtbot: Any, session: Any, monkeypatch: Any
) -> None:
    from ixreview.ui.account_forms import FirstAdminDialog
    from ixreview.ui.signin import SignInDialog

    def fill_and_accept(self: Any) -> int:
        fill_first_admin(qtbot, self)
        return int(QDialog.DialogCode.Accepted) if self.submit() else 0

    shown: list[str] = []
    monkeypatch.setattr(FirstAdminDialog, "exec", fill_and_accept)
    monkeypatch.setattr(
        "ixreview.ui.app.QMessageBox.information", lambda *a: shown.append(a[2])
    )
    signin = SignInDialog(session.attempt)
    qtbot.addWidget(signin)
    signin.show()
    with qtbot.waitSignal(signin.accepted):
        session.check_first_run(signin)
    assert session.desk.user.username == "grace"
    assert "sample requests" in shown[0]


# -- Settings > Reviewer accounts --------------------------------------------------------


@pytest.fixture(scope="module")
def staffed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return staff_database(tmp_path_factory.mktemp("staff") / "cases.sqlite3")


@pytest.fixture
def admin_settings(qtbot: Any, staffed: Path, tmp_path: Path):
    from ixreview.ui.policies import policy_choices
    from ixreview.ui.settings_dialog import SettingsDialog

    db = tmp_path / "cases.sqlite3"
    shutil.copy(staffed, db)
    desk = signed_in_desk(db, "admin")
    dialog = SettingsDialog(desk.settings_form(), policy_choices(), desk=desk)
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog
    desk.close()


def add_dialog(qtbot: Any, settings: Any, **fields: str) -> Any:
    from ixreview.ui.account_forms import AddAccountDialog

    dialog = AddAccountDialog(settings.accounts.desk, settings)
    qtbot.addWidget(dialog)
    role = fields.pop("role", None)
    if role:
        dialog.ui.role.setCurrentIndex(dialog.ui.role.findData(role))
    credentials = fields.pop("credentials", None)
    if credentials:
        dialog.ui.credentials.setCurrentIndex(dialog.ui.credentials.findData(credentials))
    for name, text in fields.items():
        qtbot.keyClicks(getattr(dialog.ui, name), text)
    return dialog


def test_the_accounts_tab_lists_adds_a_nurse_and_a_physician(
    qtbot: Any, admin_settings: Any
) -> None:
    tab = admin_settings.accounts
    assert admin_settings.ui.tabs.tabText(1) == "Reviewer &accounts"
    assert tab.usernames() == ["admin", "nina", "paul"]
    nurse = add_dialog(
        qtbot, admin_settings, full_name="Rosa Delgado", username="rosa",
        role="nurse_reviewer", credentials="RN", password="Pebble-Orchard-3318",
        confirm="Pebble-Orchard-3318", admin_password=STAFF_PASSWORDS["admin"],
    )
    assert not nurse.ui.npi.isEnabled()  # only physicians carry an NPI
    assert nurse.submit(), nurse.ui.message.text()
    tab.added(nurse.added)
    assert "rosa" in tab.usernames()
    row = tab.usernames().index("rosa")
    assert [tab._cell(row, c) for c in (2, 3, 5, 6)] == ["nurse reviewer", "RN", "active", "yes"]
    assert "Added rosa" in admin_settings.ui.accounts_message.text()

    doctor = add_dialog(
        qtbot, admin_settings, full_name="Imani Brooks", username="imani",
        role="physician_reviewer", password="Quarry-Lantern-5520",
        confirm="Quarry-Lantern-5520", admin_password=STAFF_PASSWORDS["admin"],
    )
    assert [doctor.ui.credentials.itemData(i) for i in range(doctor.ui.credentials.count())] == [
        "MD", "DO",
    ]
    assert not doctor.ok_button.isEnabled()  # a physician needs an NPI and a phone
    qtbot.keyClicks(doctor.ui.npi, "1234567890")
    assert "1234567890" in doctor.ui.npi_error.text()  # the Luhn check, in words
    doctor.ui.npi.clear()
    qtbot.keyClicks(doctor.ui.npi, "1234567893")
    qtbot.keyClicks(doctor.ui.p2p_phone, "865-555-0177")
    assert doctor.ui.npi_error.text() == "" and doctor.ok_button.isEnabled()
    assert doctor.submit(), doctor.ui.message.text()
    tab.added(doctor.added)
    row = tab.usernames().index("imani")
    assert tab._cell(row, 4) == "1234567893" and tab._cell(row, 6) == "yes"


def test_a_wrong_administrator_password_adds_nobody(qtbot: Any, admin_settings: Any) -> None:
    dialog = add_dialog(
        qtbot, admin_settings, full_name="Rosa Delgado", username="rosa",
        role="nurse_reviewer", password="Pebble-Orchard-3318",
        confirm="Pebble-Orchard-3318", admin_password="Not-My-Password-000",
    )
    assert not dialog.submit()
    assert "password" in dialog.ui.message.text()
    admin_settings.accounts.refresh()
    assert "rosa" not in admin_settings.accounts.usernames()


def test_a_taken_user_name_is_refused_at_the_field(qtbot: Any, admin_settings: Any) -> None:
    dialog = add_dialog(
        qtbot, admin_settings, full_name="Nina Other", username="nina",
        role="nurse_reviewer", password="Pebble-Orchard-3318",
        confirm="Pebble-Orchard-3318", admin_password=STAFF_PASSWORDS["admin"],
    )
    assert not dialog.submit()
    assert "already taken" in dialog.ui.username_error.text()


def test_deactivating_an_account_through_the_tab(qtbot: Any, admin_settings: Any) -> None:
    tab = admin_settings.accounts
    tab.select("nina")
    assert admin_settings.ui.deactivate_account.isEnabled()
    assert tab.deactivate_selected(confirm=False, password=STAFF_PASSWORDS["admin"])
    assert admin_settings.ui.accounts_message.text() == (
        "Deactivated nina; their certificate is revoked."
    )
    assert "nina" not in tab.usernames()  # hidden unless asked for
    admin_settings.ui.show_inactive.setChecked(True)
    row = tab.usernames().index("nina")
    assert tab._cell(row, 5) == "deactivated"
    tab.select("nina")
    assert not admin_settings.ui.deactivate_account.isEnabled()
    tab.select("paul")
    assert not tab.deactivate_selected(confirm=False, password="not-my-password-123")
    assert "paul" in tab.usernames()  # a wrong password changes nothing
    assert not tab.deactivate_selected(confirm=False, password="")
    assert admin_settings.ui.accounts_message.text() == (
        "your password is needed to revoke the account's certificate"
    )
    tab.select("admin")
    assert not tab.deactivate_selected(confirm=False, password=STAFF_PASSWORDS["admin"])
    assert "your own account" in admin_settings.ui.accounts_message.text()
    from ixreview.ui.desk import DeskError

    with pytest.raises(DeskError, match="deactivated"):
        signed_in_desk(Path(tab.desk.store.path), "nina")


def test_a_reviewer_cannot_list_accounts(staffed: Path, tmp_path: Path) -> None:
    from ixreview.ui.desk import DeskError

    db = tmp_path / "cases.sqlite3"
    shutil.copy(staffed, db)
    desk = signed_in_desk(db, "nina")
    try:
        with pytest.raises(DeskError, match="only an administrator"):
            desk.accounts()
    finally:
        desk.close()
