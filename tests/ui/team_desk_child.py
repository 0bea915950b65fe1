"""One desktop app in its own process, driven line by line by a test (tests/ui/
test_team_desk.py): `python team_desk_child.py URL USERNAME`, then commands on stdin,
one JSON answer per line on stdout.

  queue                      -> {"queue": [references]}
  import REF                 -> {"imported": REF} (a case with ANC 1,000: it needs a physician)
  wait REF present|absent    -> {"seen": true|false, "ms": ...}: Qt runs meanwhile, so only the
                                desk's own watcher can change the queue
  refer REF | deny REF       -> {"status": the decision page's line}
  quit
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent / "workflow"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(url: str, username: str) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox
    from workflow_helpers import FAST, PASSWORDS, case_data

    from ixreview.ui.desk import Desk
    from ixreview.ui.main_window import MainWindow
    from ixreview.ui.signing_summary import SIGNED_ACTIONS

    app = QApplication([])
    desk = Desk.open(url)
    desk.security = FAST
    desk.sign_in(username, PASSWORDS[username])
    window = MainWindow(desk)
    window.show()

    def queue() -> list[str]:
        model = window.queue_model
        return sorted(model.entry(row).reference for row in range(model.rowCount()))

    def decide(reference: str, action: str, reason: str) -> str:
        tab = window.open_review(reference)
        for page in tab.checklist.pages[:-1]:  # the reviewer confirms each page
            page.confirm()
        decision = tab.checklist.decision
        tab.checklist.go_to(5)
        decision.ui.reason.setPlainText(reason)
        decision.ui.password.setText(PASSWORDS[username])
        button = getattr(decision.ui, action)
        start = time.monotonic()  # the live evaluation runs on the event loop first
        while not button.isEnabled() and time.monotonic() - start < 10:
            app.processEvents()
            time.sleep(0.01)
        if not button.isEnabled():
            held = tab.review.held_by or ("read only" if tab.review.read_only else "")
            return f"{action} is not enabled: {held} {decision.ui.pages_status.text()}"
        if action in SIGNED_ACTIONS:  # the summary before signing: the reviewer presses Yes
            QTimer.singleShot(0, press_yes)
        button.click()
        app.processEvents()
        return str(decision.ui.action_status.text())

    def press_yes() -> None:
        box = app.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.button(QMessageBox.StandardButton.Yes).click()
        else:  # the dialog is not up yet: look again on the next turn
            QTimer.singleShot(10, press_yes)

    def say(answer: dict[str, object]) -> None:
        print(json.dumps(answer), flush=True)

    say({"ready": username})
    for line in sys.stdin:
        command, *args = line.split()
        if command == "queue":
            say({"queue": queue()})
        elif command == "import":
            data = case_data(
                reference=args[0], **{"member.id": f"M{args[0]}", "labs.anc_per_mm3": 1000}
            )
            desk.import_text(json.dumps(data), args[0], policy="ING-CC-0090")
            say({"imported": args[0]})
        elif command == "wait":
            reference, want = args[0], args[1] == "present"
            start = time.monotonic()
            while (reference in queue()) != want and time.monotonic() - start < 20:
                app.processEvents()
                time.sleep(0.01)
            elapsed = round((time.monotonic() - start) * 1000)
            say({"seen": (reference in queue()) == want, "ms": elapsed})
        elif command == "refer":
            say({"status": decide(args[0], "refer", "ANC below 1,500; please review")})
        elif command == "deny":
            say({"status": decide(args[0], "deny", "Baseline neutrophils too low.")})
        elif command == "quit":
            break
    window.close()
    desk.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
