"""Deciding: which actions a reviewer may take, the request for information, and the
approve / refer / deny / pend the workflow signs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ixreview.ui.desk_base import (
    DeskError,
    OpenReview,
    desk_error,
)
from ixreview.ui.desk_reviews import ReviewsDesk

if TYPE_CHECKING:
    from ixreview.workflow.permissions import InformationRequest


class DecisionsDesk(ReviewsDesk):
    """Approve, refer, deny, pend and information not received, through the workflow."""

    def allowed(self, review: OpenReview, action: str, evaluation: Any) -> bool:
        """Whether to enable an action button; the workflow checks again on use."""
        from ixreview.workflow.permissions import allowed
        from ixreview.workflow.states import Action
        from ixreview.workflow.states import ReviewState as FlowState

        role = self.workflow_role()
        if role is None or review.read_only:
            return False
        return allowed(
            role,
            FlowState(review.workflow_state),
            Action(action),
            evaluation,
            information=self.information(review),
            today=self.today(),
        )

    def information(self, review: OpenReview) -> InformationRequest | None:
        """The review's open request for information (items and dates), or None."""
        from ixreview.workflow import operations
        from ixreview.workflow.errors import WorkflowError

        if self.session is None:
            return None
        try:
            return operations.information_request(self.store, self.session, review.reference)
        except WorkflowError:
            return None

    def information_not_received(self, review: OpenReview, note: str) -> str:
        """The information did not arrive by the respond-by date: refer to a physician
        (no password: nothing is signed); returns a line for the status."""
        from ixreview.workflow import operations
        from ixreview.workflow.errors import WorkflowError

        try:
            result = operations.information_not_received(
                self.store,
                self._session(),
                review.reference,
                note.strip(),
                expected_revision=review.revision,
            )
        except WorkflowError as exc:
            raise desk_error(exc) from None
        review.revision = result.revision
        return "Information not received; referred to a physician reviewer."

    def denial_reasons(self, review: OpenReview, evaluation: Any) -> dict[str, str]:
        """The workflow's prefilled reasons for the member, by clause a denial relies on
        (for information not received: what was asked for, when and by when)."""
        from ixreview.workflow import operations
        from ixreview.workflow.errors import WorkflowError

        if evaluation is None or self.session is None:
            return {}
        try:
            return operations.denial_prefill(self.store, self.session, review.reference)
        except WorkflowError:
            return {}

    def decide(
        self,
        review: OpenReview,
        action: str,
        reason: str,
        password: str,
        evaluation: Any,
        *,
        reasons: dict[str, str] | None = None,
    ) -> str:
        """Approve / refer / deny / pend through the workflow; returns a line for the status.

        The workflow re-evaluates the case as saved, checks who may do what, asks
        for the password again and signs the letter, all in one transaction. A
        denial sends `reasons` as given (the decision page's column, as the
        physician read and edited it); without them, the prefill with her comments.
        """
        from ixreview.letters.errors import LetterError
        from ixreview.workflow import operations, prefill
        from ixreview.workflow.errors import WorkflowError

        store, session, ref = self.store, self._session(), review.reference
        revision = review.revision  # the policy is the request's: never passed
        try:
            if action == "approve":
                result = operations.approve(
                    store,
                    session,
                    ref,
                    password,
                    rationale=reason,
                    expected_revision=revision,
                    **self._security(),
                )
            elif action == "refer":
                typed = review.state.comment
                revision = self._note_out_of_comment(review, reason)
                try:
                    result = operations.refer(
                        store, session, ref, reason, expected_revision=revision
                    )
                except WorkflowError:
                    if review.state.comment != typed:  # not referred: the box's text stays
                        review.state.comment = typed
                        self.save_review(review)
                    raise
            elif action == "deny":
                if reasons is None:
                    reasons = operations.denial_prefill(store, session, ref) if evaluation else {}
                    for cid in reasons:  # the physician's own words for a clause win
                        if review.state.clause_comments.get(cid, "").strip():
                            reasons[cid] = review.state.clause_comments[cid].strip()
                result = operations.deny(
                    store,
                    session,
                    ref,
                    password,
                    reasons=reasons,
                    rationale=reason,
                    expected_revision=revision,
                    **self._security(),
                )
            elif action == "pend":
                missing = prefill.information_items(evaluation) if evaluation else []
                result = operations.pend(
                    store,
                    session,
                    ref,
                    password,
                    missing=missing,
                    expected_revision=revision,
                    **self._security(),
                )
            else:
                raise DeskError(f"unknown action {action!r}")
        except (WorkflowError, LetterError) as exc:
            raise DeskError(str(exc)) from None
        review.revision = result.revision
        words = {
            "approve": "Approved",
            "refer": "Referred to a physician reviewer",
            "deny": "Denied",
            "pend": "Pended for information",
        }[action]
        extra = (
            f"; authorization {result.authorization_number}" if result.authorization_number else ""
        )
        letter = "; the signed letter is on record" if result.letter_id else ""
        return f"{words} ({result.state}){extra}{letter}."

    def _note_out_of_comment(self, review: OpenReview, note: str) -> int:
        """The referral note is typed in the review's comment box and the workflow writes
        it into the comment, stamped ("Referred by ..."): saved once, not twice."""
        typed, note = review.state.comment.rstrip(), note.strip()
        if note and typed.endswith(note):
            review.state.comment = typed[: -len(note)].rstrip()
            self.save_review(review)
        return review.revision
