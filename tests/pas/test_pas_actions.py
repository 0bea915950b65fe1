"""The GUI's PAS actions on a real main window: File > Import PAS request (a refused
Bundle names each FHIR path), File > Export PAS response / DTR QuestionnaireResponse;
on this computer's record and on a team server (the throwaway PostgreSQL)."""

from __future__ import annotations

import json
import stat
import sys
from pathlib import Path
from typing import Any

import pytest
from pas_helpers import DATA

sys.path.insert(0, str(Path(__file__).parents[1] / "ui"))
from helpers import STAFF_PASSWORDS, fast_security, signed_in_desk, staff_database
from pg_server import fresh_database_url

pytestmark = pytest.mark.gui


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from PySide6.QtWidgets import QMessageBox

    seen: list[str] = []

    def box(_parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
        seen.append(f"{title}: {text}")
        return QMessageBox.StandardButton.Ok

    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, box)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    return seen


@pytest.fixture(params=["sqlite", "postgres"])
def window(request: pytest.FixtureRequest, qtbot: Any, tmp_path: Path, shown: list[str]):
    from ixreview.ui.main_window import MainWindow
    from ixreview.ui.pas_actions import install_pas_actions

    db = tmp_path / "cases.sqlite3" if request.param == "sqlite" else fresh_database_url()
    desk = signed_in_desk(staff_database(db), "nina")  # type: ignore[arg-type]
    w = MainWindow(desk)
    qtbot.addWidget(w)
    w.pas_actions = install_pas_actions(w)
    w.show()
    yield w
    for i in range(w.tabs.count() - 1, 1, -1):
        w.close_tab(i)
    desk.close()


def file_menu_texts(window: Any) -> list[str]:
    (file_action,) = [a for a in window.menuBar().actions() if a.text() == "&File"]
    return [a.text().replace("&", "") for a in file_action.menu().actions() if a.text()]


def test_actions_sit_after_import_case_in_the_file_menu(window: Any) -> None:
    texts = file_menu_texts(window)
    at = texts.index("Import case…")
    assert texts[at + 1 : at + 4] == [
        "Import PAS request…",
        "Export PAS response…",
        "Export DTR QuestionnaireResponse…",
    ]


def test_import_opens_the_review_and_export_writes_the_response(
    window: Any, tmp_path: Path, shown: list[str]
) -> None:
    from ixreview.ui.pas_actions import export_to, import_pas_path
    from ixreview.workflow import operations

    reference = import_pas_path(window, DATA / "request-complete.json")
    assert reference == "PA-2026-004211" and shown == []
    tab = window.current_review()
    assert tab is not None and tab.reference == reference
    assert window.queue_model.rowCount() == 1
    desk = window.desk
    operations.approve(desk.store, desk.session, reference, STAFF_PASSWORDS["nina"],
                       rationale="meets", security=fast_security())  # fmt: skip
    out = tmp_path / "response.json"
    out.write_text("old", encoding="utf-8")  # the save dialog asked before replacing it
    assert export_to(window, reference, "response", out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    cr = json.loads(out.read_text("utf-8"))["entry"][0]["resource"]
    assert cr["resourceType"] == "ClaimResponse" and cr["preAuthRef"].startswith("IXA-")
    qr = tmp_path / "qr.json"
    assert export_to(window, reference, "questionnaire", qr)
    assert json.loads(qr.read_text("utf-8"))["resourceType"] == "QuestionnaireResponse"


def test_refused_bundle_is_shown_with_each_fhir_path_and_nothing_imported(
    window: Any, shown: list[str]
) -> None:
    from ixreview.ui.pas_actions import import_pas_path

    assert import_pas_path(window, DATA / "request-malformed.json") is None
    (message,) = shown
    assert message.startswith("Not imported: request-malformed.json was not imported:")
    assert "• Bundle.entry[0].resource.use:" in message
    assert "• Bundle.entry[0].resource.insurance[0].coverage.reference:" in message
    assert window.queue_model.rowCount() == 0


def test_export_of_a_case_file_request_says_why_not(
    window: Any, tmp_path: Path, shown: list[str]
) -> None:
    from ixreview.ui.pas_actions import export_to

    reference = window.import_path(Path(__file__).parents[1] / "data" / "example-case.json")
    out = tmp_path / "response.json"
    assert not export_to(window, reference, "response", out)
    assert "not received as a PAS Bundle" in shown[-1] and not out.exists()


def test_sources_and_metrics_are_shown_for_the_current_review(window: Any) -> None:
    from ixreview.ui.pas_actions import import_pas_path, show_sources

    review = next(a for a in window.menuBar().actions() if a.text() == "&Review")
    assert window.pas_actions.show_sources in review.menu().actions()
    import_pas_path(window, DATA / "request-complete.json")
    text = show_sources(window)
    assert text is not None
    assert "First submitted: 2026-11-19 15:30 UTC" in text and "Final response: not yet" in text
    assert ": Bundle.entry[3].resource.subscriberId" in text
