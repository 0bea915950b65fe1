"""The criteria panel beside every checklist step: the policy's clause tree, live.

Each clause shows its finding in the letters' words (met, not met, not documented;
an exclusion applies or does not apply), coloured by its effect on the outcome;
selecting one shows its exact wording. The tree stays one line per clause: the
clause column takes the panel's free width, and every cell's tooltip gives the
clause's whole wording and the reason, so nothing needs a click to be read.
"Compare with draft" adds a column with the draft's result for the same clause;
rows where the two differ are highlighted.
Re-renders on the review model's `evaluationChanged`; computes nothing itself.

Signals:
    clauseSelected(str): the id of the clause the reviewer selected.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ixreview.domain.evaluation import ClauseResult, Evaluation, Outcome
from ixreview.ui.colors import css
from ixreview.ui.icons import clause_icon, clause_words
from ixreview.ui.review_model import ReviewModel

DIFFERENT = QColor(230, 140, 0, 60)
# (words, tone in ixreview.ui.colors: its colour follows the light or dark palette)
OUTCOME_WORDS = {
    Outcome.MEETS: ("Meets criteria", "good"),
    Outcome.DOES_NOT_MEET: ("Does not meet criteria", "bad"),
    Outcome.NEEDS_INFORMATION: ("Information needed", "warn"),
}


def outcome_html(outcome: Outcome) -> str:
    """The outcome in bold, in a colour readable on the current palette."""
    words, name = OUTCOME_WORDS[outcome]
    return f"<b style='color:{css(name)}'>{words}</b>"


class CriteriaPanel(QWidget):
    clauseSelected = Signal(str)

    def __init__(self, model: ReviewModel, has_draft: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setAccessibleName("Criteria panel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.outcome = QLabel(self)
        self.outcome.setWordWrap(True)
        self.outcome.setTextFormat(Qt.TextFormat.RichText)
        self.outcome.setAccessibleName("Outcome")
        layout.addWidget(self.outcome)
        self.compare = QCheckBox("Co&mpare with draft", self)
        self.compare.setAccessibleName("Compare with draft")
        self.compare.setEnabled(has_draft)
        self.compare.setToolTip(
            "Show how the draft revision of this policy would judge the same answers"
            if has_draft
            else "This policy has no draft revision"
        )
        self.compare.setChecked(model.state.compare_draft and has_draft)
        self.compare.toggled.connect(model.set_compare_draft)
        layout.addWidget(self.compare)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("criteria_splitter")
        self.tree = QTreeWidget(splitter)
        self.tree.setObjectName("criteria_tree")
        self.tree.setAccessibleName("Policy clauses")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Clause", "Result", "Draft"])
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setUniformRowHeights(True)
        self.tree.currentItemChanged.connect(self._selected)
        self.wording = QTextBrowser(splitter)
        self.wording.setAccessibleName("Clause wording")
        self.wording.setOpenLinks(False)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        self.splitter = splitter
        self._items: dict[str, QTreeWidgetItem] = {}
        self._clauses: Sequence[ClauseResult] = ()
        self._draft_clauses: Sequence[ClauseResult] = ()
        model.evaluationChanged.connect(self.refresh)
        self.refresh()

    def items(self) -> dict[str, QTreeWidgetItem]:
        return dict(self._items)

    def differing(self) -> list[str]:
        """Clause ids whose draft result differs (what the highlight shows)."""
        return [cid for cid, item in self._items.items() if item.data(2, Qt.ItemDataRole.UserRole)]

    def refresh(self) -> None:
        ev, draft = self.model.evaluation, self.model.draft_evaluation
        current = self.tree.currentItem()
        keep = current.data(0, Qt.ItemDataRole.UserRole) if current else None
        self.tree.blockSignals(True)
        self.tree.clear()
        self._items.clear()
        self.tree.setColumnHidden(2, draft is None)
        if ev is None:
            self.outcome.setText(html.escape(self.model.evaluation_error or "Not evaluated."))
            self.tree.blockSignals(False)
            self.wording.clear()
            return
        text = f"{outcome_html(ev.outcome)} · {html.escape(ev.policy.key)}"
        if draft is not None:
            text += f"<br>Draft: {outcome_html(draft.outcome)}"
        flags = [f.strip() for f in ev.review_flags if f.strip()]
        if flags:  # the decision page names them in full; here, that they stand
            text += (
                f"<br><span style='color: {css('warn')}'>⚑ Physician review needed: "
                + html.escape("; ".join(f.rstrip(".") for f in flags))
                + "</span>"
            )
        self.outcome.setText(text)
        drafted = {c.id: c for c in draft.clauses} if draft else {}
        self._clauses, self._draft_clauses = ev.clauses, draft.clauses if draft else []
        for c in ev.clauses:
            self._add(c, drafted.get(c.id), draft is not None)
        for c in draft.clauses if draft else []:
            if c.id not in self._items:
                item = self._add(c, c, True, draft_only=True)
                item.setText(0, f"{c.id} (draft only)  {one_line(c.text)}")
        self.tree.expandAll()
        self.tree.blockSignals(False)
        if keep in self._items:
            self.tree.setCurrentItem(self._items[keep])
        elif self._items:  # show some wording rather than an empty pane
            self.tree.setCurrentItem(next(iter(self._items.values())))

    def _add(
        self, c: ClauseResult, d: ClauseResult | None, comparing: bool, draft_only: bool = False
    ) -> QTreeWidgetItem:
        parent = self._items.get(c.parent) if c.parent else None
        item = QTreeWidgetItem(parent) if parent else QTreeWidgetItem(self.tree)
        item.setText(0, f"{c.id}  {one_line(c.text)}")
        item.setData(0, Qt.ItemDataRole.UserRole, c.id)
        if not draft_only:
            item.setIcon(1, clause_icon(c, self._clauses))
            item.setText(1, clause_words(c))  # the tooltip says when a route was not taken
        tip = clause_tooltip(c, clauses=self._clauses)
        item.setToolTip(0, tip)
        item.setToolTip(1, tip)
        item.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole, tip)
        if comparing:
            if d is not None:
                item.setIcon(2, clause_icon(d, self._draft_clauses))
                item.setText(2, clause_words(d))
                item.setToolTip(2, clause_tooltip(d, "Draft: ", self._draft_clauses))
            else:
                item.setText(2, "not in draft")
                item.setToolTip(2, "This clause is not in the draft revision.")
            differs = draft_only or d is None or d.status != c.status
            item.setData(2, Qt.ItemDataRole.UserRole, differs)
            if differs:
                for col in range(3):
                    item.setBackground(col, QBrush(DIFFERENT))
        self._items[c.id] = item
        return item

    def select(self, clause_id: str) -> None:
        self.tree.setCurrentItem(self._items[clause_id])

    def _selected(self, item: QTreeWidgetItem | None, _prev: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        cid = item.data(0, Qt.ItemDataRole.UserRole)
        self.wording.setHtml(self.describe(cid))
        self.clauseSelected.emit(cid)

    def describe(self, clause_id: str) -> str:
        parts = []
        for label, ev in (("", self.model.evaluation), ("Draft: ", self.model.draft_evaluation)):
            c = _find(ev, clause_id)
            if c is None or ev is None:
                continue
            role = (
                "the request may not be approved when this applies"
                if c.role.value == "exclusion"
                else "a criterion for approval"
            )
            parts.append(
                f"<p><b>{html.escape(label + ev.policy.key)} clause {html.escape(c.id)}</b>"
                f" ({role})</p><blockquote>{html.escape(c.text)}</blockquote>"
                f"<p><i>{html.escape(clause_words(c, ev.clauses))}:</i> "
                f"{html.escape(c.reason)}</p>"
            )
        return "".join(parts)


def _find(ev: Evaluation | None, clause_id: str) -> ClauseResult | None:
    if ev is None:
        return None
    return next((c for c in ev.clauses if c.id == clause_id), None)


def one_line(text: str) -> str:
    """A clause's whole wording on one line (the view elides it at the column's edge)."""
    return " ".join(text.split())


def clause_tooltip(c: ClauseResult, prefix: str = "", clauses: Sequence[ClauseResult] = ()) -> str:
    """The whole wording and the result with its reason, as rich text that wraps."""
    return (
        f"<p><b>{html.escape(c.id)}</b> {html.escape(one_line(c.text))}</p>"
        f"<p><i>{html.escape(prefix + clause_words(c, clauses))}:</i> "
        f"{html.escape(c.reason)}</p>"
    )


def gist(text: str, limit: int = 48) -> str:
    """The start of a clause's wording, for the tree (the full text shows below)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
