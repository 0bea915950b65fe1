"""The sign-in window chooses this computer or a team server, and remembers the address."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from workflow_helpers import PASSWORDS

from ixreview.ui.app import Session
from ixreview.ui.signin import TEAM_SERVER, THIS_COMPUTER, SignInDialog

pytestmark = pytest.mark.gui


def _dialog(qtbot: Any, session: Session, settings: QSettings) -> SignInDialog:
    dialog = SignInDialog(session.attempt, choose=session.use, settings=settings)
    qtbot.addWidget(dialog)
    return dialog


def test_signing_in_to_a_team_server_and_back_to_this_computer(
    qtbot: Any, team_url: str, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "ixreview.ini"), QSettings.Format.IniFormat)
    local = tmp_path / "desk.sqlite3"
    session = Session(local)
    dialog = _dialog(qtbot, session, settings)
    assert dialog.record.currentText() == THIS_COMPUTER and dialog.target() is None
    dialog.record.setCurrentText(TEAM_SERVER)
    dialog.server.setText("cases.sqlite3")
    dialog.ui.username.setText("nina")
    dialog.ui.password.setText(PASSWORDS["nina"])
    assert not dialog.try_sign_in()
    assert "postgresql://" in dialog.ui.message.text()
    dialog.server.setText(team_url)
    dialog.ui.password.setText(PASSWORDS["nina"])
    assert dialog.try_sign_in(), dialog.ui.message.text()
    assert session.db == team_url and session.desk is not None
    assert session.desk.user is not None and session.desk.user.username == "nina"
    session.desk.close()
    session.desk = None
    # the next start remembers the team server and its address
    again = _dialog(qtbot, Session(local), settings)
    assert again.record.currentText() == TEAM_SERVER and again.target() == team_url
    again.record.setCurrentText(THIS_COMPUTER)
    assert again.target() is None and not again.ui.form.isRowVisible(1)
    back = Session(local)
    back.use(team_url)
    back.use(None)
    assert back.db == local
