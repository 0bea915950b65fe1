"""Page 6: the evaluation, clause comments, the actions this user may take, reason, signing.

The page decides nothing: which buttons are enabled comes from the workflow layer
through a `DecisionHandler`, and pressing one hands the request to it (which
checks the rules again, signs and records). A refusal is shown in words.

Review flags (reasons a physician must look even when the criteria are met) stand
beside the outcome: a nurse's Approve is disabled by the workflow's rules and the
page says why; a physician approving a flagged case is asked for a rationale first.
Cancel takes a coded reason from a list (physicians and administrators may also
write their own); it sends no letter.

A pended or referred review shows its request for information ("Requested on D,
respond by D", marked overdue past the date). Once the date has passed, "Information
not received" (nurses and physicians, an optional note, no password: nothing is
signed) refers the review to a physician, who may then deny with reasons prefilled
from what was asked for.

When this user may deny, the comment column of each clause a denial relies on
shows the reason for the member before anything is pressed: her own comment if
she wrote one, else the workflow's prefill (in italics). Deny sends exactly what
the column shows, so what she reads and edits is what the letter says.

Signals:
    decided(str): an action went through; the argument is the action ("approve", ...).
"""

from __future__ import annotations

import html
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QWidget,
)

from ixreview.domain.evaluation import Evaluation, Outcome
from ixreview.ui.colors import text_style
from ixreview.ui.criteria_panel import outcome_html
from ixreview.ui.generated.ui_decision_page import Ui_DecisionPage
from ixreview.ui.icons import clause_icon, clause_words
from ixreview.ui.pages.base import ChecklistPage
from ixreview.ui.review_model import ReviewModel
from ixreview.ui.review_state import PAGE_FIELDS, STEP_TITLES
from ixreview.ui.signing_summary import SIGNED_ACTIONS, ask_to_sign, summary_html
from ixreview.ui.words import day

ACTIONS = ("approve", "refer", "deny", "pend")
NOT_RECEIVED = "info_not_received"
COMMENTS_LABEL = "&Clause comments (double-click a comment cell to edit):"
REASONS_LABEL = (
    "&Clause comments (double-click a comment cell to edit). For the criteria a denial "
    "relies on, the reason for the member is filled in (italics: the workflow's wording); "
    "a denial letter says exactly what this column shows."
)
PREFILLED_TIP = (
    "Reason for the member, prefilled from the criteria. A denial letter uses this text "
    "as shown: double-click to edit it."
)
EDITED_TIP = "Reason for the member: a denial letter uses this text as shown."


class DecisionError(Exception):
    """The workflow refused; the message says why, in words."""


class DecisionHandler(Protocol):
    def allowed(self, action: str, evaluation: Evaluation | None) -> bool: ...

    def denial_reasons(self, evaluation: Evaluation | None) -> dict[str, str]:
        """The workflow's prefilled reasons for the member, by clause ({} if she may not deny)."""
        ...

    def decide(
        self, action: str, reason: str, password: str, reasons: dict[str, str] | None = None
    ) -> str:
        """Carry out `action` (`reasons`: a denial's per-clause reasons, as edited); returns
        a line for the status; raises DecisionError."""
        ...

    def cancel_reasons(self) -> list[tuple[str | None, str]]:
        """(code, words) this user may cancel for; code None: a written reason."""
        ...

    def cancel(self, reason_code: str | None, note: str) -> str:
        """Cancel the review; returns a line for the status; raises DecisionError."""
        ...

    def information_notice(self) -> str:
        """The open request for information's dates ("" when there is none)."""
        ...

    def information_not_received(self, note: str) -> str:
        """Refer as information not received; returns a line for the status; raises
        DecisionError."""
        ...


class DecisionPage(ChecklistPage):
    page = "decision"
    title = "Decision"
    form = Ui_DecisionPage
    decided = Signal(str)

    def __init__(
        self, model: ReviewModel, handler: DecisionHandler, parent: QWidget | None = None
    ) -> None:
        super().__init__(model, parent)
        self.handler = handler
        ui = self.ui
        table = ui.clause_comments
        table.setColumnCount(3)
        table.setHorizontalHeaderLabels(["Clause", "Result", "Comment"])
        # The clause's wording and the comment share the width and wrap: every row shows
        # its whole text (the rows grow), nothing is cut off with "…".
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        # Reasons for the member are sentences: wrap them, and re-fit the rows when the
        # comment column's width changes.
        table.setWordWrap(True)
        table.horizontalHeader().sectionResized.connect(lambda *_: table.resizeRowsToContents())
        ui.clause_comments_label.setWordWrap(True)
        self._prefill: dict[str, str] = {}
        table.itemChanged.connect(self._comment_changed)
        ui.reason.setPlainText(model.state.comment)
        ui.reason.textChanged.connect(lambda: model.set_comment(ui.reason.toPlainText()))
        for name in ACTIONS:
            getattr(ui, name).clicked.connect(lambda _=False, a=name: self.act(a))
        ui.cancel.clicked.connect(lambda: self.cancel())
        ui.cancel_reason.setAccessibleDescription("Why the review is cancelled")
        for code, words in handler.cancel_reasons():
            ui.cancel_reason.addItem(words, code)
        ui.review_flags.setStyleSheet(text_style("warn", extra="padding: 4px;"))
        self._make_information_row()
        model.evaluationChanged.connect(self.refresh)
        model.confirmedChanged.connect(lambda _p: self.refresh())
        self._filling = False
        self.refresh()

    def member_reasons(self) -> dict[str, str]:
        """The per-clause reasons a denial would send: what the comment column shows."""
        return {cid: self._reason_shown(cid) for cid in self._prefill}

    def _reason_shown(self, clause_id: str) -> str:
        own = self.model.state.clause_comments.get(clause_id, "").strip()
        return own or self._prefill.get(clause_id, "")

    def first_focus(self) -> QWidget | None:
        """Arriving here ready to decide, the keyboard is in the password field."""
        return self.ui.password if self.ui.password.isEnabled() else None

    def unconfirmed_pages(self) -> list[str]:
        return [p for p in PAGE_FIELDS if not self.model.is_confirmed(p)]

    def refresh(self) -> None:
        ui, ev = self.ui, self.model.evaluation
        if ev is None:
            ui.outcome.setText(html.escape(self.model.evaluation_error or "Not evaluated."))
        else:
            text = f"{outcome_html(ev.outcome)}: {html.escape(summary_words(ev))}"
            if ev.authorization:
                a = ev.authorization
                text += (
                    f"<br>Authorization if approved: {day(a.start)} to {day(a.end)}, "
                    f"{a.doses} doses of {a.units_per_dose} units of J9207 ({a.units_total} units)"
                )
            for w in ev.warnings:
                text += f"<br>⚠ {html.escape(w)}"
            ui.outcome.setText(text)
        self._show_flags(ev)
        pending = self.unconfirmed_pages()
        ui.pages_status.setText(
            "All pages confirmed."
            if not pending
            else "Confirm these pages before deciding: "
            + ", ".join(STEP_TITLES[p] for p in pending)
            + "."
        )
        may_deny = ev is not None and not self.model.read_only and self.handler.allowed("deny", ev)
        self._prefill = self.handler.denial_reasons(ev) if may_deny else {}
        ui.clause_comments_label.setText(REASONS_LABEL if self._prefill else COMMENTS_LABEL)
        self._fill_comments(ev)
        can_act = not pending and not self.model.read_only
        for name in ACTIONS:
            button = getattr(ui, name)
            ok = can_act and self.handler.allowed(name, ev)
            button.setEnabled(ok)
            button.setVisible(self.model.read_only is False)
        ui.password.setEnabled(can_act)
        may_cancel = not self.model.read_only and self.handler.allowed("cancel", ev)
        for w in (ui.cancel_label, ui.cancel_reason, ui.cancel_note, ui.cancel):
            w.setVisible(not self.model.read_only)
            w.setEnabled(may_cancel)
        self._refresh_information(ev)

    def _make_information_row(self) -> None:
        """The request for information and "Information not received", above the status."""
        ui = self.ui
        self.info_status = QLabel(self)
        self.info_status.setWordWrap(True)
        self.info_status.setAccessibleName("Request for information")
        row = QHBoxLayout()
        self.info_note = QLineEdit(self)
        self.info_note.setPlaceholderText("Note (optional), e.g. calls made")
        self.info_note.setAccessibleName("Note on the information not received")
        self.info_not_received = QPushButton("Information &not received", self)
        self.info_not_received.setAccessibleName("Information not received")
        self.info_not_received.setToolTip(
            "The requested information did not arrive by the respond-by date: refer the "
            "review to a physician reviewer (no password: nothing is signed)."
        )
        self.info_not_received.clicked.connect(lambda: self.not_received())
        row.addWidget(self.info_note, 1)
        row.addWidget(self.info_not_received)
        layout = ui.page_layout
        at = layout.indexOf(ui.action_status)
        layout.insertWidget(at, self.info_status)
        layout.insertLayout(at + 1, row)

    def _refresh_information(self, ev: Evaluation | None) -> None:
        notice = "" if self.model.read_only else self.handler.information_notice()
        self.info_status.setText(notice)
        overdue = "(overdue)" in notice
        self.info_status.setStyleSheet(text_style("warn") if overdue else "")
        may = bool(notice) and self.handler.allowed(NOT_RECEIVED, ev)
        for w in (self.info_status, self.info_note, self.info_not_received):
            w.setVisible(bool(notice))
        self.info_note.setEnabled(may)
        self.info_not_received.setEnabled(may)

    def not_received(self) -> bool:
        """Press "Information not received" with the note, if any."""
        try:
            message = self.handler.information_not_received(self.info_note.text().strip())
        except DecisionError as exc:
            self._status(f"✖ {exc}", bad=True)
            return False
        self.info_note.clear()
        self._status(f"✔ {message}")
        self.decided.emit(NOT_RECEIVED)
        return True

    def flags(self) -> list[str]:
        ev = self.model.evaluation
        return [f.strip() for f in (ev.review_flags if ev else []) if f.strip()]

    def _show_flags(self, ev: Evaluation | None) -> None:
        """The review flags next to the outcome, and what they mean for this user."""
        label, flags = self.ui.review_flags, self.flags()
        label.setVisible(bool(flags))
        if not flags:
            label.setText("")
            return
        # Each flag is a sentence: joined without their own full stops ("dosing..").
        joined = "; ".join(f.rstrip(".") for f in flags)
        text = "<b>Physician review needed:</b> " + html.escape(joined) + "."
        if self.model.read_only:
            pass
        elif self.handler.allowed("approve", ev):
            text += "<br>To approve, write a rationale below that addresses " + (
                "this flag." if len(flags) == 1 else "these flags."
            )
        elif self.handler.allowed("refer", ev):
            text += (
                "<br>Approve is not available to a nurse reviewer while a flag stands: "
                "refer the case to a physician reviewer with a comment."
            )
        label.setText(text)

    def _fill_comments(self, ev: Evaluation | None) -> None:
        table = self.ui.clause_comments
        self._filling = True
        try:
            clauses = ev.clauses if ev else []
            table.setRowCount(len(clauses))
            for r, c in enumerate(clauses):
                cid = QTableWidgetItem("  " * c.depth + f"{c.id}  {' '.join(c.text.split())}")
                cid.setData(Qt.ItemDataRole.UserRole, c.id)
                # The clause's whole wording, readable here without the criteria panel.
                cid.setToolTip(f"{c.id}: {c.text}")
                cid.setFlags(cid.flags() & ~Qt.ItemFlag.ItemIsEditable)
                words = clause_words(c, clauses)
                res = QTableWidgetItem(clause_icon(c, clauses), words)
                res.setFlags(res.flags() & ~Qt.ItemFlag.ItemIsEditable)
                res.setToolTip(c.reason)
                res.setData(Qt.ItemDataRole.AccessibleTextRole, f"{words}: {c.reason}")
                comment = QTableWidgetItem(self.model.state.clause_comments.get(c.id, ""))
                if c.id in self._prefill:
                    self._show_reason(comment, c.id)
                if self.model.read_only:
                    comment.setFlags(comment.flags() & ~Qt.ItemFlag.ItemIsEditable)
                table.setItem(r, 0, cid)
                table.setItem(r, 1, res)
                table.setItem(r, 2, comment)
        finally:
            self._filling = False
        table.resizeRowsToContents()

    def _show_reason(self, item: QTableWidgetItem, clause_id: str) -> None:
        """A denial clause's cell: the reason shown, italic while it is the prefill."""
        prefilled = not self.model.state.clause_comments.get(clause_id, "").strip()
        item.setText(self._reason_shown(clause_id))
        font = item.font()
        font.setItalic(prefilled)
        item.setFont(font)
        item.setToolTip(PREFILLED_TIP if prefilled else EDITED_TIP)

    def _comment_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != 2:
            return
        cid = self.ui.clause_comments.item(item.row(), 0).data(Qt.ItemDataRole.UserRole)
        self.model.set_clause_comment(cid, item.text())
        self.ui.clause_comments.resizeRowToContents(item.row())  # the whole comment shows
        if cid in self._prefill:  # cleared: the prefill is back; edited: no longer italic
            self._filling = True
            try:
                self._show_reason(item, cid)
            finally:
                self._filling = False

    def act(self, action: str) -> bool:
        """Press an action button (tests call this as the button does)."""
        ui = self.ui
        if action == "approve" and self.flags() and not ui.reason.toPlainText().strip():
            self._status(
                "✖ Physician review needed: write a rationale in the box above that "
                "addresses the review flags, then approve.",
                bad=True,
            )
            ui.password.clear()  # as after any refusal: nothing was signed
            ui.reason.setFocus()
            return False
        reasons = self.member_reasons() if action == "deny" else None
        if action in SIGNED_ACTIONS and not self.confirm_signing(action, reasons):
            ui.password.clear()
            self._status("Not signed: nothing was recorded.")
            return False
        try:
            message = self.handler.decide(
                action, ui.reason.toPlainText(), ui.password.text(), reasons
            )
        except DecisionError as exc:
            self._status(f"✖ {exc}", bad=True)
            return False
        finally:
            ui.password.clear()
        self._status(f"✔ {message}")
        self.decided.emit(action)
        return True

    def confirm_signing(self, action: str, reasons: dict[str, str] | None) -> bool:
        """One summary of what will be signed (decision, authorization or reasons, letter,
        recipient) before the password signs it."""
        text = summary_html(action, self.model.case, self.model.evaluation, reasons)
        return ask_to_sign(self, text)

    def cancel(self) -> bool:
        """Press "Cancel review" with the chosen reason (and note, if any)."""
        ui = self.ui
        code = ui.cancel_reason.currentData()
        note = ui.cancel_note.text().strip()
        if code is None and not note:
            self._status("✖ Not cancelled: write the reason for cancelling.", bad=True)
            ui.cancel_note.setFocus()
            return False
        try:
            message = self.handler.cancel(code, note)
        except DecisionError as exc:
            self._status(f"✖ {exc}", bad=True)
            return False
        ui.cancel_note.clear()
        self._status(f"✔ {message}")
        self.decided.emit("cancel")
        return True

    def _status(self, text: str, *, bad: bool = False) -> None:
        self.ui.action_status.setText(text)
        self.ui.action_status.setStyleSheet(text_style("bad") if bad else "")


def summary_words(ev: Evaluation) -> str:
    """The engine's summary, with what is missing said in words (never a field path)."""
    if ev.outcome is Outcome.NEEDS_INFORMATION and ev.missing:
        from ixreview.workflow.prefill import information_items

        items = "; ".join(m.item for m in information_items(ev))
        return f"Information is needed to decide under {ev.policy.key}: {items}."
    return ev.summary
