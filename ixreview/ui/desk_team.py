"""Working side by side on a team server, through workflow.teamwork: claiming a request
when it opens (a lease the review tab renews), who holds it in the reviewer's words,
taking it over with a reason, the next case, and following other desks' changes.

On this computer's own record (SQLite) there is nobody else: nothing is claimed, the
next case is the most urgent open request in the queue, and no watcher runs.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ixreview.ui.desk_base import DeskError, OpenReview, desk_error
from ixreview.ui.desk_reviews import ReviewsDesk

if TYPE_CHECKING:
    from ixreview.workflow.teamwork import QueueWatcher

# Open for work: the states the team server's next case hands out (queue order).
_NEXT_STATES = ("draft", "referred")


class TeamDesk(ReviewsDesk):
    """Claims, take-over, the next case and the queue watcher."""

    @property
    def on_team_server(self) -> bool:
        return getattr(self.store, "backend", None) == "postgresql"

    def in_review_words(self, claim: Any) -> str:
        """'In review by Nina Patel, RN since 10:42 (CST)': the time in the plan's zone."""
        from ixreview.workflow.zone import in_zone, zone_abbreviation

        local = in_zone(datetime.fromisoformat(claim.claimed_at), self.zone())
        return f"In review by {claim.holder} since {local:%H:%M} ({zone_abbreviation(local)})"

    def claim(self, reference: str) -> str | None:
        """Claim the request (or renew the lease): None when it is ours (or on this
        computer's record); else who holds it, in words."""
        from ixreview.workflow import teamwork
        from ixreview.workflow.errors import Conflict, WorkflowError

        try:
            teamwork.claim(self.store, self._session(), reference)
        except Conflict as exc:
            held = teamwork.holder(self.store, reference)
            return self.in_review_words(held) if held is not None else str(exc)
        except WorkflowError as exc:
            raise desk_error(exc) from None
        return None

    def held_by(self, reference: str) -> str | None:
        """Who else holds the request now, in words; None when nobody else does."""
        from ixreview.workflow import teamwork
        from ixreview.workflow.errors import WorkflowError

        try:
            held = teamwork.holder(self.store, reference)
        except WorkflowError as exc:
            raise desk_error(exc) from None
        return None if held is None or held.user_id == self.actor else self.in_review_words(held)

    def open_claimed(self, reference: str) -> OpenReview:
        """Open a review and claim it; held by another reviewer, it opens read-only and
        says by whom (`held_by`)."""
        review = self.open_review(reference)
        if not review.read_only:
            held = self.claim(reference)
            if held is not None:
                review.read_only = True
                review.held_by = held
        return review

    def release(self, reference: str) -> None:
        """The tab closed: the request is free for the next reviewer (best effort; the
        lease runs out by itself when the desk is gone)."""
        from ixreview.workflow import teamwork
        from ixreview.workflow.errors import WorkflowError

        if self.session is None or not self.on_team_server:
            return
        with suppress(WorkflowError):
            teamwork.release(self.store, self.session, reference)

    def take_over(self, reference: str, reason: str) -> None:
        """Take the request over from its holder, with a reason (audited by the workflow)."""
        from ixreview.workflow import teamwork
        from ixreview.workflow.errors import WorkflowError

        try:
            teamwork.take_over(self.store, self._session(), reference, reason)
        except WorkflowError as exc:
            raise desk_error(exc) from None

    def next_case(self) -> str | None:
        """The most urgent open request nobody holds (claimed for this reviewer on the
        team server); None when nothing is waiting."""
        from ixreview.workflow import teamwork
        from ixreview.workflow.errors import WorkflowError

        if self.on_team_server:
            try:
                return teamwork.next_case(self.store, self._session())
            except WorkflowError as exc:
                raise desk_error(exc) from None
        waiting = [e for e in self.queue() if e.state in _NEXT_STATES]
        if not waiting:
            return None
        return min(waiting, key=lambda e: (e.due_at, e.reference)).reference

    def watch_queue(self, on_change: Callable[[Any], None]) -> QueueWatcher | None:
        """Other desks' changes, `on_change` called on a worker thread; None locally."""
        from ixreview.workflow import teamwork

        if not self.on_team_server:
            return None
        try:
            return teamwork.watch_queue(self.store, on_change)
        except Exception as exc:  # the server refused a connection: say so, keep working
            raise DeskError(f"other desks' changes will not show by themselves: {exc}") from None
