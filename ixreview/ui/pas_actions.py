"""HL7 Da Vinci PAS in the main window: File > Import PAS request…, File > Export PAS
response…, File > Export DTR QuestionnaireResponse…, Review > PAS sources and metrics….

`install_pas_actions(window)` adds the three File actions after "Import case…" and
the Review one at the end of that menu; nothing else of the window changes. Import goes through the
workflow's one import door (`records.import_text`), which recognises a PAS request
Bundle; a refused Bundle is shown with the FHIR path of each problem, and nothing
is stored. Exports are written the command line's safe way (owner-only, never
through a symbolic link; the file dialog has already asked before replacing).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

if TYPE_CHECKING:
    from ixreview.ui.main_window import MainWindow

JSON_FILES = "FHIR JSON (*.json)"


@dataclass
class PasActions:
    """The installed actions (kept so tests and the window can trigger them)."""

    import_request: QAction
    export_response: QAction
    export_questionnaire: QAction
    show_sources: QAction


def install_pas_actions(window: MainWindow) -> PasActions:
    """Add the PAS actions to the window's File menu, after "Import case…"."""
    file_menu = _menu(window, "File")
    after = next(
        (a for a in file_menu.actions() if a.text().replace("&", "").startswith("Import case")),
        None,
    )
    actions = PasActions(
        _action(window, "Import &PAS request…", lambda: import_dialog(window)),
        _action(window, "&Export PAS response…", lambda: export_dialog(window, "response")),
        _action(
            window,
            "Export &DTR QuestionnaireResponse…",
            lambda: export_dialog(window, "questionnaire"),
        ),
        _action(window, "PAS &sources and metrics…", lambda: show_sources(window)),
    )
    _menu(window, "Review").addAction(actions.show_sources)
    items = [actions.import_request, actions.export_response, actions.export_questionnaire]
    following = _following(file_menu, after)
    for action in items:
        if following is None:
            file_menu.addAction(action)
        else:
            file_menu.insertAction(following, action)
    return actions


def _menu(window: MainWindow, name: str) -> QMenu:
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu) and action.text().replace("&", "") == name:
            return menu
    return window.menuBar().addMenu(f"&{name}")


def _following(menu: QMenu, after: QAction | None) -> QAction | None:
    if after is None:
        return None
    actions = menu.actions()
    index = actions.index(after)
    return actions[index + 1] if index + 1 < len(actions) else None


def _action(window: MainWindow, text: str, slot: object) -> QAction:
    action = QAction(text, window)
    action.triggered.connect(slot)
    return action


# -- import -------------------------------------------------------------------------
def import_dialog(window: MainWindow) -> None:
    path, _ = QFileDialog.getOpenFileName(window, "Import PAS request", "", JSON_FILES)
    if path:
        import_pas_path(window, Path(path))


def import_pas_path(window: MainWindow, path: Path) -> str | None:
    """Import a PAS request Bundle (or a case file) and open its review; the reference,
    or None when it was refused (said in a message naming each problem)."""
    from ixreview.domain.intake import CaseError
    from ixreview.workflow import records
    from ixreview.workflow.errors import WorkflowError
    from ixreview.workflow.gate import StoreError

    desk = window.desk
    refused = None
    try:
        text = path.read_text(encoding="utf-8")
        result = records.import_text(desk.store, desk.actor, text)
    except (OSError, UnicodeDecodeError) as exc:
        refused = f"{path.name} cannot be read ({exc})."
    except CaseError as exc:
        problems = "\n".join(f"• {finding}" for finding in exc.findings)
        refused = f"{path.name} was not imported:\n{problems}"
    except (WorkflowError, StoreError) as exc:
        refused = f"{path.name} was not imported: {exc}"
    if refused is not None:
        QMessageBox.warning(window, "Not imported", refused)
        return None
    window.refresh_queue()
    window.open_review(result.reference)
    window.statusBar().showMessage(f"{result.reference} imported")
    return result.reference


# -- export -------------------------------------------------------------------------
_EXPORTS = {
    "response": ("Export PAS response", "response"),
    "questionnaire": ("Export DTR QuestionnaireResponse", "questionnaire-response"),
}


def export_dialog(window: MainWindow, kind: str) -> None:
    tab = window.current_review()
    if tab is None:
        window.statusBar().showMessage("Open a review first, then export its response.")
        return
    title, suffix = _EXPORTS[kind]
    path, _ = QFileDialog.getSaveFileName(
        window, title, f"{tab.reference}-{suffix}.json", JSON_FILES
    )
    if path:
        export_to(window, tab.reference, kind, Path(path))


def export_to(window: MainWindow, reference: str, kind: str, path: Path) -> bool:
    """Write the PAS response ("response") or DTR QuestionnaireResponse ("questionnaire")
    of `reference` to `path`; False (and a message in words) when it cannot be."""
    import click

    from ixreview.cli.outfiles import make_room, write_private
    from ixreview.workflow import pas as pas_flow
    from ixreview.workflow.errors import WorkflowError
    from ixreview.workflow.gate import StoreError

    desk = window.desk
    title = _EXPORTS[kind][0]
    if desk.session is None:
        QMessageBox.warning(window, title, "Sign in first.")
        return False
    build = pas_flow.response_bundle if kind == "response" else pas_flow.questionnaire_response
    try:
        text = build(desk.store, desk.session, reference)
        make_room(path, force=True, option=path.name)  # the dialog asked before replacing
        write_private(path, (text + "\n").encode("utf-8"), option=path.name)
    except (WorkflowError, StoreError, click.ClickException) as exc:
        message = exc.format_message() if isinstance(exc, click.ClickException) else str(exc)
        QMessageBox.warning(window, title, f"Not exported: {message}")
        return False
    window.statusBar().showMessage(f"{reference}: written to {path}")
    return True


# -- sources and metrics ------------------------------------------------------------
def show_sources(window: MainWindow) -> str | None:
    """Where each imported answer of the current review was read in its PAS Bundle, and
    its PAS metrics, in a message; the text shown (None when there is none)."""
    from ixreview.workflow import pas as pas_flow
    from ixreview.workflow.errors import WorkflowError
    from ixreview.workflow.gate import StoreError

    tab = window.current_review()
    desk = window.desk
    title = "PAS sources and metrics"
    if tab is None or desk.session is None:
        window.statusBar().showMessage("Open a review first.")
        return None
    try:
        found = pas_flow.summary(desk.store, desk.session, tab.reference)
    except (WorkflowError, StoreError) as exc:
        QMessageBox.warning(window, title, str(exc))
        return None
    if found is None:
        text = f"{tab.reference} was not received as a PAS request Bundle."
    else:
        lines = pas_flow.summary_lines(found)
        text = "\n".join(lines)
    QMessageBox.information(window, title, text)
    return text
