"""The queue, import, opening and autosaving a review, its policy, cancelling, past cases."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ixreview.ui.desk_base import (
    FIXED_BY_REQUEST,
    META_KEY,
    DeskBase,
    DeskError,
    OpenReview,
    PastCase,
    desk_error,
)
from ixreview.ui.queue_model import QueueEntry
from ixreview.ui.review_state import ALL_FIELDS, Answer, Origin, ReviewState, blank
from ixreview.workflow.errors import WorkflowError  # a small module: no store, no Qt


class ReviewsDesk(DeskBase):
    """Work queue, import, open and autosave, policy reassignment, cancel, past cases."""

    def queue(self) -> list[QueueEntry]:
        from ixreview.workflow import records

        try:
            rows = records.work_queue(self.store, self._session())
        except WorkflowError as exc:
            raise DeskError(str(exc)) from None
        return [
            QueueEntry(
                r.reference,
                r.member_name,
                r.urgency or "not documented",
                r.state,
                datetime.fromisoformat(r.decision_due_at),
            )
            for r in rows
        ]

    def import_file(self, path: Path) -> tuple[str, list[str]]:
        """Import a case file or PAS Bundle; returns (reference, warnings) or raises
        DeskError. Read through the workflow's one door (size limit before decoding)."""
        from ixreview.workflow import records

        return self._import(lambda: records.import_file(self.store, self.actor, path), path.name)

    def import_text(
        self, text: str, name: str = "case", *, policy: str | None = None
    ) -> tuple[str, list[str]]:
        from ixreview.workflow import records

        return self._import(
            lambda: records.import_text(self.store, self.actor, text, policy=policy), name
        )

    @staticmethod
    def _import(call: Any, name: str) -> tuple[str, list[str]]:
        from ixreview.domain.intake import CaseError
        from ixreview.workflow.gate import PolicyNotAssignable, StoreError

        try:
            result = call()
        except CaseError as exc:  # each problem with its field (or FHIR path)
            raise DeskError(f"{name} was not imported:\n" + str(exc)) from None
        except PolicyNotAssignable as exc:  # a draft or unknown policy: nothing was imported
            raise DeskError(
                f"{name} was not imported: the policy cannot be assigned.\n{exc}\n"
                "An administrator can set the default policy in Settings."
            ) from None
        except (StoreError, WorkflowError) as exc:  # e.g. PAS on the team server
            raise DeskError(f"{name} was not imported: {exc}") from None
        return result.reference, result.warnings

    def _import_new(self, make: Any, what: str, policy: str | None = None) -> tuple[str, list[str]]:
        """Import a case the desk made (`make(reference)` -> dict) under a fresh reference."""
        from ixreview.ui.new_requests import new_reference
        from ixreview.workflow import records
        from ixreview.workflow.gate import DuplicateReferenceError

        for _ in range(5):  # a clash of six random hex digits on one day is rare
            data = make(new_reference(self.local_now()))
            try:
                result = records.import_started(
                    self.store, self._session(), json.dumps(data), policy=policy
                )
            except DuplicateReferenceError:
                continue
            except Exception as exc:  # CaseError, StoreError: in words, never a traceback
                raise DeskError(f"the {what} could not be created: {exc}") from None
            return result.reference, result.warnings
        raise DeskError(f"the {what} could not be created: no free reference; try again")

    def new_empty_review(
        self, *, first_name: str, last_name: str, member_id: str, urgency: str | None
    ) -> tuple[str, list[str]]:
        """A request with only the member's name (the reviewer enters the rest)."""
        from ixreview.ui.new_requests import empty_case

        now = self.local_now()
        return self._import_new(
            lambda ref: empty_case(
                ref,
                now,
                first_name=first_name,
                last_name=last_name,
                member_id=member_id,
                urgency=urgency,
            ),
            "empty review",
        )

    def start_continuation(self, reference: str) -> tuple[str, list[str]]:
        """A continuation request pre-filled from an approval, linked to its authorization."""
        from ixreview.ui.new_requests import continuation_case

        past = self.past_case(reference)
        if not past.can_continue:
            raise DeskError(
                f"{reference} is not an approval in force: a continuation extends an "
                "approved authorization"
            )
        request = self._view(reference).request
        intake = json.loads(request.intake_json)
        now = self.local_now()
        assert past.authorization_number is not None
        number = past.authorization_number
        return self._import_new(
            lambda ref: continuation_case(
                intake,
                reference=ref,
                received_at=now,
                authorization_number=number,
                period_start=past.period_start,
                period_end=past.period_end,
            ),
            "continuation request",
            policy=request.policy,
        )

    def _view(self, reference: str) -> Any:
        """The request with its review, determinations and letters (audited as viewed)."""
        from ixreview.workflow import records
        from ixreview.workflow.gate import StoreError

        try:
            return records.view(self.store, self._session(), reference)
        except (StoreError, WorkflowError) as exc:
            raise DeskError(str(exc)) from None

    def open_review(self, reference: str) -> OpenReview:
        view = self._view(reference)
        request, review = view.request, view.review
        state = ReviewState.from_case(request.case())
        state.policy = request.policy  # fixed at import; None until one is assigned
        for path, answer in review.answers.items():
            if path in state.answers:
                imported = state.answers[path].imported
                state.answers[path] = Answer(answer.value, Origin(answer.origin.value), imported)
        comments = dict(review.clause_comments)
        meta = json.loads(comments.pop(META_KEY, "{}") or "{}")
        state.confirmed = set(meta.get("confirmed", []))
        state.units = dict(meta.get("units", {}))
        state.compare_draft = bool(meta.get("compare_draft", False))
        state.clause_comments = comments
        state.comment = review.comment
        return OpenReview(
            reference,
            request.id,
            review.id,
            review.revision,
            state,
            str(review.state),
            read_only=str(review.state) in ("decided", "cancelled"),
            saved_policy=request.policy,
        )

    def save_review(self, open_review: OpenReview) -> datetime:
        """Autosave through the workflow: every answer, comments, confirmations; one commit.

        Answers equal to the request's are not stored (the request already says
        them); a reviewer's value is stored with its origin (entered / override).
        """
        from ixreview.workflow import operations

        s = open_review.state
        answers: dict[str, Any] = {}
        for path in ALL_FIELDS:
            if path in FIXED_BY_REQUEST:
                continue
            a = s.answers[path]
            keep = a.origin in (Origin.ENTERED, Origin.OVERRIDE) and blank(a.value) is not None
            answers[path] = a.value if keep else None
        meta = {
            "confirmed": sorted(s.confirmed),
            "units": s.units,
            "compare_draft": s.compare_draft,
        }
        comments = {**s.clause_comments, META_KEY: json.dumps(meta, sort_keys=True)}
        try:  # one transaction (the workflow's)
            saved = operations.save_answers(
                self.store,
                self._session(),
                open_review.reference,
                answers,
                expected_revision=open_review.revision,
                clause_comments=comments,
                comment=s.comment,
            )
        except WorkflowError as exc:
            raise DeskError(str(exc)) from None
        open_review.revision = saved.revision
        return datetime.now(UTC)

    @property
    def may_reassign_policy(self) -> bool:
        """Physicians and administrators reassign a request's policy (the workflow checks)."""
        from ixreview.workflow.roles import Role

        return self.workflow_role() in (Role.PHYSICIAN_REVIEWER, Role.ADMINISTRATOR)

    def reassign_policy(self, review: OpenReview, policy: str, reason: str) -> str:
        """Assign another policy to the request, with a reason (audited by the workflow).

        Returns the new "ID@VERSION". The workflow writes the reason into the review's
        comment, so the open review takes the comment and revision as saved.
        """
        from ixreview.workflow import operations

        try:
            new = operations.reassign_policy(
                self.store,
                self._session(),
                review.reference,
                policy,
                reason,
                expected_revision=review.revision,
            )
        except WorkflowError as exc:
            raise desk_error(exc) from None
        fresh = self.open_review(review.reference)
        review.revision = fresh.revision
        review.saved_policy = fresh.saved_policy  # the caller sets the model's policy
        review.state.comment = fresh.state.comment
        return new

    def cancel(self, review: OpenReview, reason_code: str | None, note: str) -> str:
        """Cancel the review (C, no letter): a coded reason, or (physicians,
        administrators) a written one; returns a line for the status."""
        from ixreview.workflow import operations

        try:
            result = operations.cancel(
                self.store,
                self._session(),
                review.reference,
                note,
                reason_code=reason_code,
                expected_revision=review.revision,
            )
        except WorkflowError as exc:
            raise desk_error(exc) from None
        review.revision = result.revision
        return f"Cancelled ({result.state}); no letter is sent."

    def past_case(self, reference: str) -> PastCase:
        from ixreview.workflow import records
        from ixreview.workflow.gate import StoreError

        try:
            summary = records.decision_summary(self.store, self._session(), reference)
        except (StoreError, WorkflowError) as exc:
            raise DeskError(str(exc)) from None
        current, letters = summary.current, summary.letters
        if current is None:
            return PastCase(reference, None, None, None, None, letters)
        return PastCase(
            reference,
            str(current.decision),
            current.authorization_number,
            current.period_start,
            current.period_end,
            letters,
            f"by {self.person(current.decider_id)} on {self.shown(current.decided_at)}",
        )
