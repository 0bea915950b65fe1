"""Starting with "Team server" remembered: the sign-in window shows before any server
round trip (psycopg is not even imported), and a server that does not answer is said
on the sign-in window, in words."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]

# The app as a reviewer starts it, until its sign-in window is up (IXREVIEW_STARTUP_PROBE);
# it says which record the sign-in window chose and whether psycopg was loaded by then.
CHILD = """
import sys, atexit
from ixreview.ui import app

use = app.Session.use

def told(self, server):
    print("use=" + str(server), flush=True)
    use(self, server)

app.Session.use = told
atexit.register(lambda: print("psycopg=" + str("psycopg" in sys.modules), flush=True))
sys.exit(app.run())
"""


def _remember_team_server(config: Path, url: str) -> None:
    settings = QSettings(str(config / "ixreview" / "ixreview.conf"), QSettings.Format.IniFormat)
    settings.setValue("signin/record", "Team server")
    settings.setValue("signin/server", url)
    settings.sync()


def test_the_sign_in_window_shows_before_any_round_trip_to_the_team_server(
    tmp_path: Path,
) -> None:
    # No server listens at this address: a connection before the window would fail.
    url = f"postgresql://desk_nurse1@/ixreview?host={tmp_path / 'no-server-here'}"
    _remember_team_server(tmp_path / "config", url)
    env = {
        **{k: v for k, v in os.environ.items() if k != "IXREVIEW_DB"},
        "QT_QPA_PLATFORM": "offscreen",
        "IXREVIEW_STARTUP_PROBE": "1",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    out = subprocess.check_output([sys.executable, "-c", CHILD], cwd=ROOT, env=env, text=True)
    assert out.split() == [f"use={url}", "shown", "psycopg=False"], out


def test_a_team_server_that_does_not_answer_is_said_on_the_sign_in_window(
    qtbot: Any, tmp_path: Path
) -> None:
    from ixreview.ui.app import Session
    from ixreview.ui.signin import SignInDialog

    session = Session(None)
    session.use(f"postgresql://desk_nurse1@/ixreview?host={tmp_path / 'no-server-here'}")
    signin = SignInDialog(session.attempt)
    qtbot.addWidget(signin)
    signin.show()
    session.check_first_run(signin)
    said = signin.ui.message.text()
    assert said.startswith("Cannot connect to the team server postgresql://desk_nurse1@")
    assert signin.ui.message.wordWrap()  # the reason after the address is not cut off
    assert signin.isVisible() and session.desk is None


def test_a_remembered_address_shows_its_beginning_and_whole_in_its_tooltip(
    qtbot: Any, tmp_path: Path
) -> None:
    from ixreview.ui.signin import SignInDialog

    url = "postgresql://desk_nurse1@dbhost/ixreview?sslmode=verify-full&sslrootcert=/etc/ca.pem"
    settings = QSettings(str(tmp_path / "ixreview.conf"), QSettings.Format.IniFormat)
    settings.setValue("signin/record", "Team server")
    settings.setValue("signin/server", url)
    signin = SignInDialog(lambda _u, _p: None, choose=lambda _t: None, settings=settings)
    qtbot.addWidget(signin)
    signin.show()
    assert signin.server.cursorPosition() == 0 and signin.server.toolTip() == url
