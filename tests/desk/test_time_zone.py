"""Times in the plan's time zone (a setting; default the computer's), on screen and on
letters, with the zone shown; never UTC unless UTC is the zone chosen."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime
from io import BytesIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from helpers import DATA
from pypdf import PdfReader
from test_whole_review import PASSWORDS, confirm_all, decide

from ixreview.letters.templates import load_templates
from ixreview.letters.values import format_datetime
from ixreview.store.store import open_store
from ixreview.workflow import accounts
from ixreview.workflow.errors import InvalidInput, NotPermitted
from ixreview.workflow.zone import (
    TIME_ZONE_SETTING,
    plan_zone,
    set_time_zone,
    shown,
)

WHEN = datetime(2026, 11, 22, 20, 5, tzinfo=UTC)


@pytest.fixture
def tokyo_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """This computer's zone is Asia/Tokyo for the test (no summer time, never UTC)."""
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_time_is_shown_with_its_zone_in_the_chosen_zone_or_the_computers(
    tokyo_here: None,
) -> None:
    assert shown(WHEN, ZoneInfo("America/Chicago")) == "2026-11-22 14:05 CST"
    assert shown(WHEN, ZoneInfo("UTC")) == "2026-11-22 20:05 UTC"
    assert shown(WHEN, None) == "2026-11-23 05:05 JST"  # the computer's zone by default


def test_letters_print_the_zone_by_name_and_offset() -> None:
    tpl = load_templates()
    chicago = WHEN.astimezone(ZoneInfo("America/Chicago"))
    assert format_datetime(tpl, chicago) == "November 22, 2026 at 14:05 CST (UTC−06:00)"
    assert format_datetime(tpl, WHEN.astimezone(ZoneInfo("UTC"))).endswith("at 20:05 UTC")


def test_only_an_administrator_sets_the_zone_and_a_bad_name_names_the_field(
    staffed_db: Any, tmp_path: Any
) -> None:
    import shutil

    db = tmp_path / "cases.sqlite3"
    shutil.copy(staffed_db, db)
    store = open_store(db)
    try:
        assert plan_zone(store) is None  # the computer's zone until one is chosen
        admin = accounts.sign_in(store, "admin", PASSWORDS["admin"])
        assert set_time_zone(store, admin, "Europe/Stockholm") == "Europe/Stockholm"
        assert plan_zone(store) == ZoneInfo("Europe/Stockholm")
        with pytest.raises(InvalidInput, match=r"time zone: .*Mars/Olympus"):
            set_time_zone(store, admin, "Mars/Olympus")
        nurse = accounts.sign_in(store, "nina", PASSWORDS["nina"])
        with pytest.raises(NotPermitted):
            set_time_zone(store, nurse, "UTC")
        assert set_time_zone(store, admin, "computer") is None
        assert plan_zone(store) is None
    finally:
        store.close()


def test_the_cli_sets_and_shows_the_zone(staffed_db: Any, tmp_path: Any) -> None:
    import json
    import shutil

    from ixreview.cli import cli

    db = tmp_path / "cases.sqlite3"
    shutil.copy(staffed_db, db)

    def run(*args: str, password: str | None = None) -> Any:
        stdin = None if password is None else password + "\n"
        return CliRunner().invoke(cli, ["--db", str(db), "settings", *args], input=stdin)

    ok = run("time-zone", "America/Chicago", "--as", "admin", password=PASSWORDS["admin"])
    assert ok.exit_code == 0 and "America/Chicago" in ok.output, ok.output
    assert json.loads(run("show").output)[TIME_ZONE_SETTING] == "America/Chicago"
    bad = run("time-zone", "Nowhere", "--as", "admin", password=PASSWORDS["admin"])
    assert bad.exit_code == 2 and "time zone" in bad.output and "Traceback" not in bad.output


def test_screen_and_letter_show_the_plans_zone(
    qtbot: Any, sign_in: Any, tokyo_here: None
) -> None:
    w = sign_in("nina")
    store = w.desk.store
    store.settings.set(TIME_ZONE_SETTING, "America/Chicago", actor=None)
    reference, _ = w.desk.import_file(DATA / "example-case.json")
    w.refresh_queue()
    row = next(
        r for r in range(w.queue_model.rowCount())
        if w.queue_model.entry(r).reference == reference
    )
    tip = w.queue_model.index(row, 4).data(0x03)  # ToolTipRole
    assert tip.startswith("Decision due ") and tip.endswith((" CST", " CDT")), tip
    tab = w.open_review(reference)
    assert tab.autosave() and tab.last_saved.endswith((" CST", " CDT")), tab.last_saved
    confirm_all(tab)
    decide(qtbot, tab, "approve", "nina")
    qtbot.waitUntil(lambda: bool(w.desk.letters(reference)))
    pdf = w.desk.letters(reference)[-1]
    text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(BytesIO(pdf)).pages).split())
    assert "CST (UTC−06:00)" in text or "CDT (UTC−05:00)" in text, text[-600:]
    assert "JST" not in text and os.environ["TZ"] == "Asia/Tokyo"
