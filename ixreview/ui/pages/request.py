"""Page 1: member, prescriber, urgency, request type, medication and the policy.

The policy is fixed on the request when it is imported ("ID@VERSION", the version
in force on the received date, shown beside the box). A nurse sees it read only;
a physician reviewer or an administrator may reassign it: choosing another policy
asks for the reason, and the workflow records both (`Desk.reassign_policy`). The
criteria panel's "Compare with draft" stays a what-if for everyone.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QInputDialog, QWidget

from ixreview.ui.generated.ui_request_page import Ui_RequestPage
from ixreview.ui.pages.base import ChecklistPage
from ixreview.ui.policies import PolicyChoice
from ixreview.ui.review_model import ReviewModel
from ixreview.ui.review_state import PAGE_FIELDS

FIXED_TIP = (
    "The policy was fixed on the request when it was imported. A physician reviewer "
    "or an administrator can reassign it, with a reason."
)
REASSIGN_TIP = (
    "Choosing another policy reassigns it to this request: you are asked for the "
    "reason, which goes on the review's record."
)


class PolicyError(Exception):
    """The workflow refused to reassign the policy; the message says why."""


class PolicyHandler(Protocol):
    def may_reassign_policy(self) -> bool: ...

    def reassign_policy(self, policy: str, reason: str) -> str:
        """Reassign (returns the new "ID@VERSION"); raises PolicyError."""
        ...


class RequestPage(ChecklistPage):
    page = "request"
    title = "Request"
    form = Ui_RequestPage

    def __init__(
        self,
        model: ReviewModel,
        choices: list[PolicyChoice],
        parent: QWidget | None = None,
        policies: PolicyHandler | None = None,
    ) -> None:
        super().__init__(model, parent)
        self.bind(*PAGE_FIELDS["request"])
        self.policies = policies
        combo = self.ui.policy
        combo.addItem("No policy assigned", None)
        for c in choices:
            combo.addItem(f"{c.id}: {c.title}", c.id)
        combo.setCurrentIndex(max(combo.findData(self._current_id()), 0))
        combo.currentIndexChanged.connect(self._chosen)
        may = policies is not None and policies.may_reassign_policy() and not model.read_only
        combo.setEnabled(may)
        combo.setToolTip(REASSIGN_TIP if may else FIXED_TIP)
        model.evaluationChanged.connect(self._show_version)
        self._show_version()

    def _current_id(self) -> str | None:
        return (self.model.state.policy or "").partition("@")[0] or None

    def _follow_model(self) -> None:
        combo = self.ui.policy
        wanted = max(combo.findData(self._current_id()), 0)
        if combo.currentIndex() != wanted:
            combo.blockSignals(True)
            combo.setCurrentIndex(wanted)
            combo.blockSignals(False)

    def _chosen(self, _index: int) -> None:
        """The physician picked another policy: ask why, then reassign (or go back)."""
        policy = self.ui.policy.currentData()
        if policy is None or policy == self._current_id():
            self._follow_model()
            return
        reason, ok = QInputDialog.getMultiLineText(
            self,
            "Reassign the policy",
            f"Reassign this request from {self.model.state.policy or 'no policy'} to "
            f"{policy} (the version in force on the received date).\n"
            "Why? The reason goes on the review's record.",
        )
        if ok:
            self.reassign(policy, reason)
        self._follow_model()

    def reassign(self, policy: str, reason: str) -> bool:
        """Reassign through the handler; a refusal is shown under the box, in words."""
        if self.policies is None:
            return False
        if not reason.strip():
            self._say("✖ Not reassigned: reassigning the policy needs a reason.")
            return False
        try:
            new = self.policies.reassign_policy(policy, reason)
        except PolicyError as exc:
            self._say(f"✖ Not reassigned: {exc}")
            return False
        self.model.set_policy(new)
        self._follow_model()
        self._show_version()
        return True

    def _say(self, text: str) -> None:
        self.ui.policy_version.setText(text)
        self.ui.policy_version.setToolTip(text)

    def _show_version(self) -> None:
        self._follow_model()
        ev = self.model.evaluation
        if ev is None:
            text = self.model.evaluation_error or (
                "No policy is assigned: a physician reviewer or an administrator must "
                "assign one before the request is decided."
            )
        else:
            p = ev.policy
            eff = (
                f"effective {p.effective_date}"
                if p.effective_date
                else "the policy does not say from which date it applies"
            )
            text = f"{p.version} ({eff}), fixed on the request"
        self.ui.policy_version.setText(text)
