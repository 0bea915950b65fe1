"""One open review: the checklist over its model, autosave, and the decision handler.

Every change the model reports is saved through the Desk at once, in one
transaction; only after it committed does `saved` fire (the status bar then says
"Saved hh:mm:ss"). A failed save (another window saved first) fires `saveFailed`
with the store's words, and the status says so instead.

On a team server the tab holds the request's claim (a lease renewed every minute
while it is open, released by `release()` when it closes). A request another
reviewer holds opens read-only under a banner naming her and since when, with
"Take over…" (a reason, audited); the main window then opens the tab anew.

A past case (decided or cancelled, read only) shows a bar above the checklist
with its determination, "Reprint letter…" and, for an approval, "Start
continuation request"; the main window acts on the requests.

Import notes (a duplicate or overlapping request, no default policy, ...) show in
a banner above the checklist that stays until the reviewer dismisses it: nothing
modal blocks opening the review.

Signals:
    saved(str): the save committed; the argument is the local time, hh:mm:ss.
    saveFailed(str): the save did not happen; why.
    decided(str, str): (reference, action) after a decision went through.
    reprintRequested(str): the reviewer asked to reprint this request's letter.
    continuationRequested(str): the reviewer asked for a continuation of this approval.
    reopenRequested(str): the claim changed hands (taken over here, or by another
        reviewer while open): open the review anew (editable, or read-only and why).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ixreview.domain.evaluation import Evaluation
from ixreview.ui.checklist import ChecklistWidget
from ixreview.ui.colors import text_style
from ixreview.ui.desk import Desk, DeskError, OpenReview
from ixreview.ui.pages.decision import DecisionError
from ixreview.ui.pages.request import PolicyError
from ixreview.ui.policies import draft_key_for, policy_choices
from ixreview.ui.review_model import ReviewModel
from ixreview.ui.team_banner import TeamBanner, bar_row
from ixreview.ui.words import day
from ixreview.workflow.zone import in_zone, zone_abbreviation

LEASE_RENEW_MS = 60_000  # the server's lease lasts five minutes


class ReviewTab(QWidget):
    saved = Signal(str)
    saveFailed = Signal(str)
    decided = Signal(str, str)
    reprintRequested = Signal(str)
    continuationRequested = Signal(str)
    reopenRequested = Signal(str)

    def __init__(self, desk: Desk, open_review: OpenReview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.review = open_review
        self.model = ReviewModel(
            open_review.state, desk.evaluator(), draft_key=draft_key_for, parent=self
        )
        self.model.read_only = open_review.read_only
        self.checklist = ChecklistWidget(self.model, policy_choices(), self, policies=self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.past_bar = self._make_past_bar()
        layout.addWidget(self.past_bar)
        self.team_banner = TeamBanner(self)
        self.team_banner.show_holder(open_review.held_by)
        self.team_banner.takeOverRequested.connect(self.take_over)
        layout.addWidget(self.team_banner)
        self.notes_bar = self._make_notes_bar()
        layout.addWidget(self.notes_bar)
        layout.addWidget(self.checklist, 1)  # the bars keep their own height, no empty band
        self.model.changed.connect(self.autosave)
        self.checklist.decided.connect(
            lambda action: self.decided.emit(self.review.reference, action)
        )
        self.last_saved: str | None = None
        self.lease = QTimer(self)  # renews this desk's claim while the review is open
        self.lease.setInterval(LEASE_RENEW_MS)
        self.lease.timeout.connect(self.renew_claim)
        if desk.on_team_server and not open_review.read_only:
            self.lease.start()

    @property
    def reference(self) -> str:
        return self.review.reference

    # -- working side by side -----------------------------------------------------------
    def renew_claim(self) -> None:
        """Keep the claim; when another reviewer took the request over, reopen read-only."""
        try:
            held = self.desk.claim(self.reference)
        except DeskError:
            return  # the server is out of reach: the next renewal tries again
        if held is not None:
            self.lease.stop()
            self.reopenRequested.emit(self.reference)

    def take_over(self, reason: str) -> bool:
        try:
            self.desk.take_over(self.reference, reason)
        except DeskError as exc:
            QMessageBox.warning(self, "Not taken over", str(exc))
            return False
        self.reopenRequested.emit(self.reference)
        return True

    def release(self) -> None:
        """The tab closes: give the claim back (only a claim this desk holds)."""
        if self.lease.isActive():
            self.lease.stop()
            self.desk.release(self.reference)

    def _make_past_bar(self) -> QFrame:
        bar = QFrame(self)
        row = bar_row(bar, "Past case")
        self.past_label = QLabel(bar)
        self.reprint_button = QPushButton("&Reprint letter…", bar)
        self.continue_button = QPushButton("Start &continuation request", bar)
        self.reprint_button.clicked.connect(lambda: self.reprintRequested.emit(self.reference))
        self.continue_button.clicked.connect(
            lambda: self.continuationRequested.emit(self.reference)
        )
        row.addWidget(self.past_label, 1)
        row.addWidget(self.reprint_button)
        row.addWidget(self.continue_button)
        self.refresh_past_bar(bar)
        return bar

    def _make_notes_bar(self) -> QFrame:
        bar = QFrame(self)
        row = bar_row(bar, "Import notes", "import_notes")
        self.notes_label = QLabel(bar)
        self.notes_label.setWordWrap(True)
        self.notes_label.setStyleSheet(text_style("warn"))
        self.notes_dismiss = QPushButton("Dis&miss", bar)
        self.notes_dismiss.setAccessibleName("Dismiss the import notes")
        self.notes_dismiss.clicked.connect(lambda: self.show_import_notes([]))
        row.addWidget(self.notes_label, 1)
        row.addWidget(self.notes_dismiss)
        bar.setVisible(False)
        return bar

    def show_import_notes(self, notes: list[str]) -> None:
        """Show what the import noted (visible until dismissed); [] hides the banner."""
        self.import_notes = list(notes)
        self.notes_label.setText("⚠ Imported with notes: " + "; ".join(notes) if notes else "")
        self.notes_bar.setVisible(bool(notes))

    def refresh_past_bar(self, bar: QFrame | None = None) -> None:
        """Show the bar for a past case: what was decided, and what can be done with it."""
        bar = bar or self.past_bar
        is_past = self.review.read_only and not self.review.held_by
        bar.setVisible(is_past)
        if not is_past:
            return
        try:
            past = self.desk.past_case(self.reference)
        except DeskError:
            bar.setVisible(False)
            return
        words = {"A1": "Approved", "A3": "Denied", "A4": "Pended", "C": "Cancelled"}
        text = f"Past case, read only. {words.get(past.decision or '', 'No determination')}"
        if past.decision and past.decided:
            text += f" {past.decided}"
        if past.authorization_number:
            text += (
                f": authorization {past.authorization_number}, "
                f"{day(past.period_start)} to {day(past.period_end)}"
            )
        self.past_label.setText(text + ".")
        self.reprint_button.setEnabled(past.letters > 0)
        self.continue_button.setEnabled(past.can_continue)
        self.continue_button.setVisible(past.decision == "A1")

    def autosave(self) -> bool:
        if self.review.read_only:
            return False
        try:
            when = self.desk.save_review(self.review)
        except DeskError as exc:
            self.saveFailed.emit(str(exc))
            return False
        local = in_zone(when, self.desk.zone())
        self.last_saved = f"{local:%H:%M:%S} {zone_abbreviation(local)}"
        self.saved.emit(self.last_saved)
        return True

    # -- DecisionHandler ------------------------------------------------------------------
    def allowed(self, action: str, evaluation: Evaluation | None) -> bool:
        return self.desk.allowed(self.review, action, evaluation)

    def denial_reasons(self, evaluation: Evaluation | None) -> dict[str, str]:
        return self.desk.denial_reasons(self.review, evaluation)

    def information_notice(self) -> str:
        """The open request for information's dates, for pended and referred reviews."""
        if self.review.read_only or self.review.workflow_state not in ("pended", "referred"):
            return ""
        info = self.desk.information(self.review)
        if info is None:
            return ""
        text = f"Requested on {day(info.requested_on)}, respond by {day(info.respond_by)}"
        if info.overdue(self.desk.today()):
            text += " (overdue)"
        if info.not_received:
            text += "; recorded as not received"
        items = "; ".join(m.item for m in info.items)
        return f"{text}. Asked for: {items}." if items else f"{text}."

    def information_not_received(self, note: str) -> str:
        try:
            message = self.desk.information_not_received(self.review, note)
        except DeskError as exc:
            raise DecisionError(str(exc)) from None
        self._reload_keeping_edits()
        return message

    def decide(
        self, action: str, reason: str, password: str, reasons: dict[str, str] | None = None
    ) -> str:
        try:
            message = self.desk.decide(
                self.review, action, reason, password, self.model.evaluation, reasons=reasons
            )
        except DeskError as exc:
            raise DecisionError(str(exc)) from None
        self._reload()
        return message

    def cancel_reasons(self) -> list[tuple[str | None, str]]:
        from ixreview.workflow.permissions import CancelReason

        codes: list[tuple[str | None, str]] = [
            (c.value, c.words.capitalize()) for c in CancelReason
        ]
        if self.desk.may_reassign_policy:  # physicians and administrators: any written reason
            codes.append((None, "Another reason (write it)"))
        return codes

    def cancel(self, reason_code: str | None, note: str) -> str:
        try:
            message = self.desk.cancel(self.review, reason_code, note)
        except DeskError as exc:
            raise DecisionError(str(exc)) from None
        self._reload()
        return message

    def _reload_keeping_edits(self) -> None:
        """After a change that leaves the review open: the workflow's state, revision and
        comment, keeping the model's own state (the pages edit it)."""
        fresh = self.desk.open_review(self.review.reference)
        self.review.revision = fresh.revision
        self.review.workflow_state = fresh.workflow_state
        self.review.read_only = fresh.read_only
        self.model.read_only = fresh.read_only
        self.model.state.comment = fresh.state.comment  # the workflow wrote the reason there
        reason = self.checklist.decision.ui.reason
        blocked = reason.blockSignals(True)
        try:
            reason.setPlainText(fresh.state.comment)
        finally:
            reason.blockSignals(blocked)
        self.checklist.decision.refresh()

    def _reload(self) -> None:
        """Take the review as the workflow left it (state, revision, comment).

        The review object stays the one the pages edit: replacing it would leave
        later autosaves saving a copy nobody edits while "Saved" is shown.
        """
        self._reload_keeping_edits()
        self.refresh_past_bar()

    # -- PolicyHandler --------------------------------------------------------------------
    def may_reassign_policy(self) -> bool:
        return self.desk.may_reassign_policy

    def reassign_policy(self, policy: str, reason: str) -> str:
        try:
            new = self.desk.reassign_policy(self.review, policy, reason)
        except DeskError as exc:
            raise PolicyError(str(exc)) from None
        # The workflow wrote the reason into the review's comment: show it as saved.
        self.checklist.decision.ui.reason.setPlainText(self.review.state.comment)
        return new
