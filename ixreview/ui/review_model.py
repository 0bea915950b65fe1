"""The thin QObject adapter over `ReviewState`: the one object every checklist view watches.

Pages call `set_answer`; the model updates the Qt-free state, re-validates, asks
the engine for a fresh evaluation and emits signals. Views never compute
criteria themselves (napari style: model emits, views re-render).

Signals:
    answerChanged(str): the answer at this field path changed (value or origin).
    derivedChanged(): errors / warnings / the Case were recomputed.
    evaluationChanged(): `evaluation` (and `draft_evaluation`) were recomputed.
    confirmedChanged(str): a page was confirmed or lost its confirmation.
    changed(): something the store must save changed (autosave listens to this).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from ixreview.domain.case import Case
from ixreview.domain.evaluation import Evaluation
from ixreview.domain.intake import Finding
from ixreview.domain.policies import PolicyError
from ixreview.ui.review_state import Derived, Origin, ReviewState, page_of

Evaluator = Callable[[Case, str | None], Evaluation]


def engine_evaluator(case: Case, policy: str | None) -> Evaluation:
    """The real engine, imported on first use (start-up stays light)."""
    from ixreview.domain.engine import evaluate

    return evaluate(case, policy)


class ReviewModel(QObject):
    answerChanged = Signal(str)
    derivedChanged = Signal()
    evaluationChanged = Signal()
    confirmedChanged = Signal(str)
    changed = Signal()

    def __init__(
        self,
        state: ReviewState,
        evaluator: Evaluator = engine_evaluator,
        draft_key: Callable[[str | None, Case], str | None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self._evaluator = evaluator
        self._draft_key = draft_key
        self.evaluation: Evaluation | None = None
        self.draft_evaluation: Evaluation | None = None
        self.evaluation_error = ""
        self.derived: Derived = state.derive()
        self.read_only = False
        self._evaluate()

    # -- reading ------------------------------------------------------------------------
    def value(self, path: str) -> Any:
        return self.state.value(path)

    def origin(self, path: str) -> Origin | None:
        return self.state.origin(path)

    def imported(self, path: str) -> Any:
        answer = self.state.answers[path]
        return answer.imported if answer.was_imported else None

    @property
    def case(self) -> Case | None:
        return self.derived.case

    def errors_for(self, path: str) -> list[Finding]:
        """Errors at this field or inside it (`prior_therapies` has per-row errors)."""
        return [f for f in self.derived.errors if _under(f.path, path)]

    def warnings_for(self, path: str) -> list[Finding]:
        return [f for f in self.derived.warnings if _under(f.path, path)]

    def page_errors(self, page: str) -> list[Finding]:
        return [f for f in self.derived.errors if page_of(f.path) == page]

    def page_warnings(self, page: str) -> list[Finding]:
        return [f for f in self.derived.warnings if page_of(f.path) == page]

    def is_confirmed(self, page: str) -> bool:
        return page in self.state.confirmed

    # -- changing -----------------------------------------------------------------------
    def set_answer(self, path: str, value: Any) -> None:
        if self.read_only:
            return
        page = page_of(path)
        was_confirmed = self.is_confirmed(page)
        if not self.state.set(path, value):
            return
        self.answerChanged.emit(path)
        if was_confirmed:
            self.confirmedChanged.emit(page)
        self._recompute()
        self.changed.emit()

    def confirm(self, page: str) -> bool:
        """Confirm a page; refused (False) while an error stands on it."""
        if self.read_only or self.page_errors(page):
            return False
        if page not in self.state.confirmed:
            self.state.confirmed.add(page)
            self.confirmedChanged.emit(page)
            self.changed.emit()
        return True

    def set_policy(self, policy: str | None) -> None:
        if policy != self.state.policy:
            self.state.policy = policy
            self._evaluate()
            self.changed.emit()

    def set_compare_draft(self, on: bool) -> None:
        if on != self.state.compare_draft:
            self.state.compare_draft = on
            self._evaluate()
            self.changed.emit()

    def set_unit(self, path: str, unit: str) -> None:
        if self.state.units.get(path) != unit:
            self.state.units[path] = unit
            self.changed.emit()

    def set_clause_comment(self, clause_id: str, text: str) -> None:
        if self.state.clause_comments.get(clause_id, "") != text:
            self.state.clause_comments[clause_id] = text
            self.changed.emit()

    def set_comment(self, text: str) -> None:
        if self.state.comment != text:
            self.state.comment = text
            self.changed.emit()

    # -- internals ----------------------------------------------------------------------
    def _recompute(self) -> None:
        self.derived = self.state.derive()
        self.derivedChanged.emit()
        self._evaluate()

    def _evaluate(self) -> None:
        case = self.derived.case
        self.evaluation = self.draft_evaluation = None
        self.evaluation_error = ""
        if case is None:
            self.evaluation_error = "The answers cannot be evaluated until the errors are fixed."
        elif not self.state.policy:
            self.evaluation_error = "Choose the plan's policy on the Request page."
        else:
            try:
                self.evaluation = self._evaluator(case, self.state.policy)
                draft = (
                    self._draft_key(self.state.policy, case)
                    if self.state.compare_draft and self._draft_key
                    else None
                )
                if draft:
                    self.draft_evaluation = self._evaluator(case, draft)
            except (PolicyError, KeyError, ValueError) as exc:  # unknown policy, no version
                self.evaluation_error = str(exc)
        self.evaluationChanged.emit()


def _under(found: str, path: str) -> bool:
    return found == path or found.startswith(path + ".") or found.startswith(path + "[")
