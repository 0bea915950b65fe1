"""Take the README screenshots from the real app, offscreen, on a scratch database.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/take.py

Writes PNGs beside this file: the queue, each checklist step, the criteria panel
with the draft comparison, the treatment timeline, history, the letter preview
(QtPdf), the idle lock, the first start ("create the first administrator") and
the settings' reviewer accounts tab, and the treatment step on a dark palette
(Fusion with a dark QPalette: met / not met, badges and the timeline must stay
readable). The letter shown is the letters package's
fictional approval sample; every person is made up.

Windows are taken at 1366x768 (the smallest screen the desk is made for); the queue,
the treatment and decision steps, history and the letter preview are also taken at
1920x1080 (`*-1920x1080.png`).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402


def settle(ms: int = 600) -> None:
    """Let asynchronous painting finish (QPdfView renders its pages in a thread)."""
    from PySide6.QtCore import QDeadlineTimer, QThread

    deadline = QDeadlineTimer(ms)
    while not deadline.hasExpired():
        QApplication.processEvents()
        QThread.msleep(20)


SMALL = (1366, 768)
LARGE = (1920, 1080)
PREVIEW_TOP = 60  # a title bar and a panel: what the screen leaves for the preview


def shot(widget: QWidget, name: str) -> None:
    QApplication.processEvents()
    widget.grab().save(str(HERE / f"{name}.png"))
    print(f"docs/screenshots/{name}.png")


def main() -> None:
    app = QApplication(sys.argv[:1])
    from ixreview.ui.desk import Desk
    from ixreview.ui.main_window import MainWindow

    tmp = Path(tempfile.mkdtemp())
    os.environ["XDG_CONFIG_HOME"] = str(tmp)  # keep QSettings out of the user's config
    desk = Desk.open(tmp / "cases.sqlite3")
    nina = desk.store.users.create("nina", "Nina Okafor", "nurse", credentials="RN")
    desk.use_account(nina)
    desk.store.settings.set("policy.default", "ING-CC-0090", actor=nina.id)  # as set up
    example = json.loads((ROOT / "tests" / "data" / "example-case.json").read_text("utf-8"))
    today = datetime.now(UTC).date()
    people = [  # received lately: one due soon, one overdue, one with days left
        ("Søndergaard", "expedited", today - timedelta(days=2)),
        ("Nguyễn", "standard", today - timedelta(days=16)),
        ("Kowalski", "standard", today - timedelta(days=3)),
    ]
    for i, (last, urgency, day) in enumerate(people):
        case = dict(
            example,
            reference=f"PA-2026-00{4300 + i}",
            urgency=urgency,
            received_at=f"{day}T09:30:00-06:00",
        )
        case["member"] = dict(example["member"], last_name=last, id=f"BCT88412{i:04d}")
        case["labs"] = dict(example["labs"], collected_on=day.isoformat())
        desk.import_text(json.dumps(case))
    window = MainWindow(desk)
    window.resize(*SMALL)
    window.show()
    window.refresh_queue()
    shot(window, "queue")

    # The sample whose result differs under the BCBST draft (what-if comparison).
    sample = (
        ROOT
        / "ixreview"
        / "resources"
        / "samples"
        / "bcbst-approval-trastuzumab-draft-compare.json"
    )
    # The policy is fixed on the request at import (the plan's default at the time).
    desk.store.settings.set("policy.default", "BCBST-IXEMPRA", actor=desk.actor)
    reference = window.import_path(sample)
    desk.store.settings.set("policy.default", "ING-CC-0090", actor=desk.actor)
    assert reference is not None
    tab = window.current_review()
    assert tab is not None
    model = tab.model
    model.set_answer("labs.alt_u_l", "52")  # an override, shown as such
    names = ["request", "diagnosis", "treatment", "biomarkers", "labs", "decision"]
    for i, name in enumerate(names):
        if name != "decision" and name != "labs":
            tab.checklist.page(name).confirm()
        tab.checklist.go_to(i)
        shot(window, f"step{i + 1}-{name}")
    tab.checklist.criteria.compare.setChecked(True)
    tab.checklist.go_to(2)
    differing = tab.checklist.criteria.differing()
    tab.checklist.criteria.select(differing[0] if differing else "BC")
    shot(tab.checklist.criteria, "criteria-draft-comparison")
    shot(tab.checklist.page("treatment").timeline, "timeline")
    diag = tab.checklist.page("diagnosis")
    tab.checklist.go_to(1)
    diag.ui.code_entry.setText("C50.9")
    diag.add_typed_code()
    shot(window, "diagnosis-invalid-code")

    window.focus_search()
    window.history_box.setText("dolores")
    window.search_history()
    shot(window, "history")

    from ixreview.letters.model import LetterKind
    from ixreview.letters.render import render_letter
    from ixreview.letters.samples import sample_letter
    from ixreview.ui.letter_preview import LetterPreview

    pdf = render_letter(sample_letter(LetterKind.APPROVAL), signed_at=datetime.now(UTC)).pdf
    for (width, height), suffix in ((SMALL, ""), (LARGE, "-1920x1080")):
        preview = LetterPreview(pdf, "PA-2026-004211 (sample)")
        preview.resize(min(900, width), height - PREVIEW_TOP)  # as it fits such a screen
        preview.show()
        settle()
        shot(preview, f"letter-preview{suffix}")
        preview.close()
    large_shots(desk, reference)

    window.lock()
    shot(window, "idle-lock")
    window.unlock_dialog.close()
    window.close()
    dark_palette_shot(app, desk, reference)
    desk.close()
    first_run(tmp)
    accounts_tab(tmp)
    app.quit()


def large_shots(desk: object, reference: str) -> None:
    """The same desk on a 1920x1080 screen."""
    from ixreview.ui.main_window import MainWindow

    window = MainWindow(desk)  # type: ignore[arg-type]
    window.resize(*LARGE)
    window.show()
    shot(window, "queue-1920x1080")
    tab = window.open_review(reference)
    assert tab is not None
    for step, name in ((2, "step3-treatment"), (5, "step6-decision")):
        tab.checklist.go_to(step)
        shot(window, f"{name}-1920x1080")
    window.focus_search()
    window.history_box.setText("dolores")
    window.search_history()
    shot(window, "history-1920x1080")
    window.close()


def dark_palette_shot(app: QApplication, desk: object, reference: str) -> None:
    """The treatment step (timeline, badges, criteria) and the queue on a dark palette."""
    from ixreview.ui.colors import dark_palette
    from ixreview.ui.main_window import MainWindow

    light_style, light_palette = app.style().name(), app.palette()
    app.setStyle("Fusion")
    app.setPalette(dark_palette())
    window = MainWindow(desk)  # type: ignore[arg-type]
    window.resize(*SMALL)
    window.show()
    shot(window, "dark-palette-queue")
    tab = window.open_review(reference)
    assert tab is not None
    tab.checklist.criteria.compare.setChecked(True)
    tab.checklist.go_to(2)
    shot(window, "dark-palette")
    window.close()
    app.setStyle(light_style)
    app.setPalette(light_palette)


def first_run(tmp: Path) -> None:
    """A new database: the first administrator, with the password policy speaking."""
    from ixreview.ui.account_forms import FirstAdminDialog
    from ixreview.ui.desk import Desk

    desk = Desk.open(tmp / "first.sqlite3")
    dialog = FirstAdminDialog(desk)
    ui = dialog.ui
    for widget, text in (
        (ui.organization, "Blue Valley Health Plan"),
        (ui.full_name, "Grace Hopper-Ortiz"),
        (ui.username, "grace"),
        (ui.password, "Password2026!"),
    ):
        widget.setText(text)
    dialog.resize(560, 430)
    dialog.show()
    shot(dialog, "first-run")
    dialog.close()
    desk.close()


def accounts_tab(tmp: Path) -> None:
    """Settings > Reviewer accounts, as the administrator sees it."""
    from ixreview.store.store import open_store
    from ixreview.ui.desk import Desk
    from ixreview.ui.policies import policy_choices
    from ixreview.ui.settings_dialog import SettingsDialog
    from ixreview.workflow import accounts

    db = tmp / "staff.sqlite3"
    admin_pw = "Ledger-Walnut-5813"
    with open_store(db) as store:
        accounts.create_first_admin(
            store, username="grace", full_name="Grace Hopper-Ortiz", password=admin_pw,
            organization="Blue Valley Health Plan",
        )
        session = accounts.sign_in(store, "grace", admin_pw)
        people = [
            ("nina", "Nina Okafor", "nurse_reviewer", "RN", None, None),
            ("tomasz", "Tomasz Wójcik", "nurse_reviewer", "PharmD", None, None),
            ("paul", "Paul Lindqvist", "physician_reviewer", "MD", "1234567893", "865-555-0100"),
        ]
        for username, name, role, cred, npi, phone in people:
            accounts.add_user(
                store, session, username=username, full_name=name, role=role,
                credentials=cred, npi=npi, p2p_phone=phone, password="Harbor-Violet-2741",
                admin_password=admin_pw,
            )
        accounts.deactivate_user(store, session, "tomasz")
    desk = Desk.open(db)
    desk.sign_in("grace", admin_pw)
    dialog = SettingsDialog(desk.settings_form(), policy_choices(), desk=desk)
    dialog.ui.tabs.setCurrentWidget(dialog.ui.accounts_tab)
    dialog.ui.show_inactive.setChecked(True)
    assert dialog.accounts is not None
    dialog.accounts.select("paul")
    dialog.resize(760, 520)
    dialog.show()
    shot(dialog, "settings-accounts")
    dialog.close()
    desk.close()


if __name__ == "__main__":
    main()
