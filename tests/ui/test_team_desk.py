"""Two desks on one team server (the throwaway PostgreSQL, no mocks): opening a request
claims it and another desk reads it under "In review by …", taking it over asks a reason,
Next case never hands one request to two desks, and one desk's change reaches the other
desk's queue through the watcher. On this computer's own record, Next case opens the most
urgent open request."""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "postgres"))
sys.path.insert(0, str(Path(__file__).parent.parent / "workflow"))
sys.path.insert(0, str(Path(__file__).parent.parent / "desk"))
from mnemonics import duplicates, offered
from pg_server import shared_server, stop_shared_server
from workflow_helpers import FAST, PASSWORDS, case_data

pytestmark = pytest.mark.gui

UI_TEAM_TEMPLATE = "ixreview_ui_team_template"
_built: list[str] = []
# IXREVIEW_SCREENSHOTS=1 refreshes docs/screenshots/team-in-review.png; otherwise the
# picture goes to the test's own directory (a test run leaves the work tree alone).
DOCS_SHOTS = Path(__file__).parent.parent.parent / "docs" / "screenshots"


@pytest.fixture(scope="module", autouse=True)
def _stop_pg_server() -> Iterator[None]:
    yield
    stop_shared_server()


@pytest.fixture
def team_url() -> str:
    """A new database with the workflow tests' staff, the plan in America/Chicago."""
    from workflow_helpers import _build_template

    from ixreview.store import open_store
    from ixreview.workflow import accounts, zone

    pg = shared_server()
    if not _built:
        pg.create_database(template="ixreview_template", name=UI_TEAM_TEMPLATE)
        url = pg.url(UI_TEAM_TEMPLATE)
        _build_template(url)
        with open_store(url) as store:
            admin = accounts.sign_in(store, "admin", PASSWORDS["admin"], security=FAST)
            zone.set_time_zone(store, admin, "America/Chicago")
        _built.append(UI_TEAM_TEMPLATE)
    return pg.url(pg.create_database(template=UI_TEAM_TEMPLATE))


def _desk(url: str, username: str) -> Any:
    from ixreview.ui.desk import Desk

    desk = Desk.open(url)
    desk.security = FAST
    desk.sign_in(username, PASSWORDS[username])
    return desk


def _window(qtbot: Any, desk: Any) -> Any:
    from ixreview.ui.main_window import MainWindow

    window = MainWindow(desk)
    qtbot.addWidget(window)
    window.show()
    return window


def _import(desk: Any, reference: str, urgency: str = "standard") -> None:
    data = case_data(reference=reference, **{"member.id": f"M{reference}", "urgency": urgency})
    desk.import_text(json.dumps(data), reference, policy="ING-CC-0090")


def _queue(window: Any) -> set[str]:
    model = window.queue_model
    return {model.entry(row).reference for row in range(model.rowCount())}


def test_a_request_open_on_one_desk_is_read_only_on_the_other_until_taken_over(
    qtbot: Any,
    team_url: str,
    monkeypatch: pytest.MonkeyPatch,
    no_blocking_message_boxes: list[tuple[str, str]],
    tmp_path: Path,
) -> None:
    from PySide6.QtWidgets import QInputDialog

    nina_desk, pat_desk = _desk(team_url, "nina"), _desk(team_url, "drpat")
    _import(nina_desk, "T-1")
    nina, pat = _window(qtbot, nina_desk), _window(qtbot, pat_desk)
    mine = nina.open_review("T-1")
    assert mine is not None and not mine.review.read_only and mine.lease.isActive()
    assert not mine.team_banner.isVisible()

    theirs = pat.open_review("T-1")
    assert theirs is not None and theirs.review.read_only and not theirs.lease.isActive()
    assert theirs.team_banner.isVisible() and not theirs.past_bar.isVisible()
    words = theirs.team_banner.label.text()
    found = re.match(r"In review by Nina Nurse, RN since (\d\d:\d\d) \(CST\)\.", words)
    assert found, words
    held = nina_desk.store.claims.holder(nina_desk.store.requests.by_reference("T-1").id)
    since = datetime.fromisoformat(held.claimed_at).astimezone(ZoneInfo("America/Chicago"))
    assert found.group(1) == f"{since:%H:%M}"  # the plan's zone, not the server's UTC
    theirs.resize(1100, 700)
    shots = DOCS_SHOTS if os.environ.get("IXREVIEW_SCREENSHOTS") == "1" else tmp_path
    assert theirs.grab().save(str(shots / "team-in-review.png"))
    for step in range(len(theirs.checklist.pages)):  # "Ta&ke over…" beside every step
        theirs.checklist.go_to(step)
        assert not duplicates(pat), step
    assert "k" in offered(pat)  # the walk saw the banner's button

    # Take over: a blank reason is refused in words, a reason is audited. (Nina's desk
    # stops following for a moment: her lease renewal is what notices here.)
    nina.team.stop()
    answers = iter([("  ", True), ("Nina is out sick", True)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: next(answers))
    theirs.team_banner.take_over_button.click()
    assert pat.open_review("T-1") is theirs and theirs.review.read_only
    theirs.team_banner.take_over_button.click()
    taken = pat.current_review()
    assert taken is not None and taken is not theirs and taken.reference == "T-1"
    assert not taken.review.read_only and not taken.team_banner.isVisible()
    assert taken.lease.isActive()
    assert no_blocking_message_boxes[-1][0] == "warning"
    assert "reason" in no_blocking_message_boxes[-1][1]
    entry = [e for e in pat_desk.store.audit.entries() if e.action == "taken_over"][-1]
    assert entry.details["reason"] == "Nina is out sick"
    assert entry.actor_id == pat_desk.user.id

    # Nina's next renewal finds Pat holding it: her tab reopens read-only, naming Pat.
    mine.renew_claim()
    nina.team.follow()
    again = nina.current_review()
    assert again is not None and again is not mine and again.review.read_only
    assert again.team_banner.label.text().startswith("In review by Pat Physician, MD since ")

    # Closing Pat's tab gives the request back: Nina's read-only tab follows (the watcher)
    # and opens for work, hers again.
    pat.close_tab(pat.tabs.indexOf(taken))
    qtbot.waitUntil(lambda: not nina.current_review().review.read_only, timeout=15_000)
    back = nina.current_review()
    assert back.reference == "T-1" and back.lease.isActive()
    assert not back.team_banner.isVisible()
    held = nina_desk.store.claims.holder(nina_desk.store.requests.by_reference("T-1").id)
    assert held is not None and held.user_id == nina_desk.user.id
    nina.close()
    pat.close()
    nina_desk.close()
    pat_desk.close()


def test_next_case_on_two_desks_never_hands_out_the_same_request(qtbot: Any, team_url: str) -> None:
    nina_desk, pat_desk = _desk(team_url, "nina"), _desk(team_url, "drpat")
    for i in range(5):
        _import(nina_desk, f"N-{i}", "expedited" if i == 3 else "standard")
    nina, pat = _window(qtbot, nina_desk), _window(qtbot, pat_desk)
    got: dict[str, list[str]] = {"nina": [], "drpat": []}
    first = nina.team.next_case()
    assert first is not None and first.reference == "N-3"  # expedited: due soonest
    got["nina"].append(first.reference)
    while True:
        tabs = [pat.team.next_case(), nina.team.next_case()]
        for name, tab in zip(("drpat", "nina"), tabs, strict=True):
            if tab is not None:
                assert not tab.review.read_only
                got[name].append(tab.reference)
        if tabs == [None, None]:
            break
    assert got["nina"] and got["drpat"]
    assert not set(got["nina"]) & set(got["drpat"])
    assert sorted(got["nina"] + got["drpat"]) == [f"N-{i}" for i in range(5)]
    assert nina.statusBar().currentMessage() == "No open request is waiting"
    nina.close()
    pat.close()
    nina_desk.close()
    pat_desk.close()


def test_a_change_on_one_desk_reaches_the_other_desks_queue(qtbot: Any, team_url: str) -> None:
    nina_desk, pat_desk = _desk(team_url, "nina"), _desk(team_url, "drpat")
    pat = _window(qtbot, pat_desk)
    assert pat.team.follower.watcher is not None
    assert "W-1" not in _queue(pat)
    _import(nina_desk, "W-1")  # through desk A's workflow; desk B never refreshes by hand
    qtbot.waitUntil(lambda: "W-1" in _queue(pat), timeout=15_000)
    # An open review follows too: taken over on desk A, desk B's tab turns read-only.
    tab = pat.open_review("W-1")
    assert tab is not None and not tab.review.read_only
    nina_desk.take_over("W-1", "Pat is in a peer-to-peer call")
    qtbot.waitUntil(lambda: pat.current_review() is not tab, timeout=15_000)
    now = pat.current_review()
    assert now is not None and now.reference == "W-1" and now.review.read_only
    assert now.team_banner.label.text().startswith("In review by Nina Nurse, RN since ")
    pat.sign_out()
    assert pat.team.follower.watcher is None
    pat.close()
    nina_desk.close()
    pat_desk.close()


def test_next_case_on_this_computer_opens_the_most_urgent_open_request(
    qtbot: Any, tmp_path: Path
) -> None:
    from helpers import open_desk

    desk = open_desk(tmp_path / "cases.sqlite3")
    window = _window(qtbot, desk)
    assert window.team.next_case() is None
    assert window.statusBar().currentMessage() == "No open request is waiting"
    assert window.team.follower.watcher is None  # nobody else to follow
    _import(desk, "L-1", "standard")
    _import(desk, "L-2", "expedited")
    window.refresh_queue()
    file_menu = window.menuBar().actions()[0].menu()
    [next_case] = [a for a in file_menu.actions() if a.text() == "Ne&xt case"]
    next_case.trigger()
    tab = window.current_review()
    assert tab is not None and tab.reference == "L-2" and not tab.review.read_only
    assert not tab.lease.isActive() and not tab.team_banner.isVisible()
    window.close()
    desk.close()


class _DeskProcess:
    """A desktop app in a process of its own (tests/ui/team_desk_child.py)."""

    def __init__(self, url: str, username: str) -> None:
        import subprocess

        child = Path(__file__).with_name("team_desk_child.py")
        self.proc = subprocess.Popen(
            [sys.executable, str(child), url, username],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        assert self.answer() == {"ready": username}

    def answer(self) -> Any:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        assert line, f"the desk process ended (exit {self.proc.wait()})"
        return json.loads(line)

    def ask(self, command: str) -> Any:
        assert self.proc.stdin is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        return self.answer()

    def stop(self) -> None:
        if self.proc.poll() is None:
            with contextlib.suppress(AssertionError, BrokenPipeError):  # it ended already
                self.ask("quit")
            self.proc.wait(timeout=30)
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe is not None:
                pipe.close()


def test_two_desk_processes_refer_on_one_deny_on_the_other_and_both_queues_follow(
    team_url: str,
) -> None:
    """Issue 11's "done when": two desks (two processes) on one team server; the nurse
    refers on one, the physician denies on the other, and each queue changes by itself."""
    nurse = _DeskProcess(team_url, "nina")
    try:
        physician = _DeskProcess(team_url, "drpat")
        try:
            assert "T-2" not in nurse.ask("queue")["queue"]
            assert nurse.ask("import T-2") == {"imported": "T-2"}
            assert physician.ask("wait T-2 present")["seen"]  # the import reached desk 2
            assert "Referred" in nurse.ask("refer T-2")["status"]
            assert physician.ask("wait T-2 present")["seen"]  # still open: now referred
            assert "Denied" in physician.ask("deny T-2")["status"]
            assert nurse.ask("wait T-2 absent")["seen"]  # the denial reached desk 1
            assert physician.ask("wait T-2 absent")["seen"]
        finally:
            physician.stop()
    finally:
        nurse.stop()
    from ixreview.workflow.gate import open_store

    with open_store(team_url) as store:
        view = store.view_request("T-2")
    assert [str(d.decision) for d in view.determinations] == ["A3"]
    assert str(view.review.state) == "decided"
