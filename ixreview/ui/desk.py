"""The GUI's one door to the store and the workflow layer (Anki's "collection" role).

Windows receive a `Desk` (never a global); every user action is one method here
that calls the store or a workflow operation, so widgets hold no business logic.
The store (sqlite-utils) and workflow are imported when the Desk is opened, after
the sign-in window is already on screen, which keeps start-up under a second.

Reviews are saved through `save_review` on every change; the store bumps a
revision per save and refuses a stale one (another window saved meanwhile), which
the GUI shows instead of "Saved".
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ixreview.ui.queue_model import QueueEntry
from ixreview.ui.review_state import ALL_FIELDS, Answer, Origin, ReviewState

if TYPE_CHECKING:
    from ixreview.store.models import Review, User
    from ixreview.store.store import Store
    from ixreview.workflow.accounts import Session

META_KEY = "_checklist"  # page confirmations, units, policy choice: kept with the answers


class DeskError(Exception):
    """An action was refused or failed; the message is for the reviewer, in words."""


@dataclass
class OpenReview:
    """One review open in a window: its state and the store revision it was loaded at."""

    reference: str
    request_id: int
    review_id: int
    revision: int
    state: ReviewState
    workflow_state: str
    read_only: bool
    set_at: dict[str, str] = field(default_factory=dict)


class Desk:
    def __init__(self, store: Store, user: User | None = None) -> None:
        self.store = store
        self.user = user
        self.session: Session | None = None
        if user is not None:  # a Desk made for an already known user (tests, tools)
            self.use_account(user)

    def use_account(self, user: User) -> None:
        from ixreview.workflow.accounts import Session, role_of

        self.user = user
        self.session = Session(user.id, user.username, role_of(user), self.store.now())

    # -- opening and signing in --------------------------------------------------------
    @classmethod
    def open(cls, db: Path | None) -> Desk:
        from ixreview.store.store import open_store  # sqlite-utils: after the window is up

        try:
            return cls(open_store(db))
        except Exception as exc:  # StoreError and friends: a message, never a traceback
            raise DeskError(str(exc)) from None

    @property
    def actor(self) -> int | None:
        return self.user.id if self.user else None

    def sign_in(self, username: str, password: str) -> User:
        from ixreview.workflow import accounts
        from ixreview.workflow.errors import WorkflowError

        try:
            if accounts.needs_first_admin(self.store):
                raise DeskError(
                    "No accounts exist yet: create the first administrator with the "
                    "command line (ixreview user --help), then sign in."
                )
            self.session = accounts.sign_in(self.store, username, password)
        except WorkflowError as exc:
            raise DeskError(str(exc)) from None
        self.user = self.store.users.get(self.session.user_id)
        return self.user

    def check_password(self, password: str) -> bool:
        """Unlock after idle: the same user's password (a wrong one counts towards lockout)."""
        from ixreview.workflow import accounts
        from ixreview.workflow.errors import WorkflowError

        if self.session is None:
            return False
        try:
            accounts.unlock(self.store, self.session, password)
        except WorkflowError:
            return False
        return True

    def record_lock(self) -> None:
        from ixreview.workflow import accounts

        if self.session is not None:
            accounts.record_idle_lock(self.store, self.session)

    @property
    def is_admin(self) -> bool:
        return self.user is not None and str(self.user.role) in ("admin", "administrator")

    def workflow_role(self) -> Any:
        return None if self.session is None else self.session.role

    # -- decisions (rules enforced by the workflow layer, not here) ---------------------
    def allowed(self, review: OpenReview, action: str, evaluation: Any) -> bool:
        """Whether to enable an action button; the workflow checks again on use."""
        from ixreview.workflow.permissions import allowed
        from ixreview.workflow.states import Action
        from ixreview.workflow.states import ReviewState as FlowState

        role = self.workflow_role()
        if role is None or review.read_only:
            return False
        return allowed(role, FlowState(review.workflow_state), Action(action), evaluation)

    # -- queue and import ---------------------------------------------------------------
    def queue(self) -> list[QueueEntry]:
        from ixreview.store.history import HistoryQuery

        out = []
        for state in ("draft", "referred", "pended"):
            from ixreview.store.models import ReviewState as StoreState

            page = self.store.history.search(HistoryQuery(state=StoreState(state)), limit=500)
            for r in page.rows:
                out.append(
                    QueueEntry(
                        r.reference,
                        r.member_name,
                        r.urgency or "not documented",
                        r.state,
                        datetime.fromisoformat(r.decision_due_at),
                    )
                )
        return out

    def import_file(self, path: Path) -> tuple[str, list[str]]:
        """Import a case file; returns (reference, warnings) or raises DeskError."""
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DeskError(f"{path.name}: cannot be read ({exc})") from None
        return self.import_text(text, path.name)

    def import_text(self, text: str, name: str = "case") -> tuple[str, list[str]]:
        from ixreview.domain.intake import CaseError
        from ixreview.store.errors import StoreError

        try:
            result = self.store.import_case(text, actor=self.actor)
        except CaseError as exc:
            raise DeskError(f"{name} is not a valid case file:\n" + str(exc)) from None
        except StoreError as exc:
            raise DeskError(str(exc)) from None
        return result.reference, result.warnings

    # -- reviews --------------------------------------------------------------------------
    def open_review(self, reference: str) -> OpenReview:
        view = self.store.view_request(reference, actor=self.actor)
        request, review = view.request, view.review
        state = ReviewState.from_case(request.case())
        state.policy = request.policy or self.default_policy()
        set_at: dict[str, str] = {}
        for path, answer in review.answers.items():
            if path == META_KEY:
                meta = answer.value or {}
                state.confirmed = set(meta.get("confirmed", []))
                state.units = dict(meta.get("units", {}))
                state.policy = meta.get("policy") or state.policy
                state.compare_draft = bool(meta.get("compare_draft", False))
            elif path in state.answers:
                imported = state.answers[path].imported
                state.answers[path] = Answer(answer.value, Origin(answer.origin.value), imported)
                set_at[path] = answer.set_at
        state.clause_comments = dict(review.clause_comments)
        state.comment = review.comment
        return OpenReview(
            reference,
            request.id,
            review.id,
            review.revision,
            state,
            str(review.state),
            read_only=str(review.state) in ("decided", "cancelled"),
            set_at=set_at,
        )

    def save_review(self, open_review: OpenReview) -> datetime:
        """Save every answer in one transaction; returns the commit time."""
        from ixreview.store.errors import StoreError
        from ixreview.store.models import Answer as StoredAnswer
        from ixreview.store.models import AnswerOrigin

        now = datetime.now(UTC)
        stamp = now.isoformat()
        s = open_review.state
        answers: dict[str, StoredAnswer] = {}
        for path in ALL_FIELDS:
            a = s.answers[path]
            if a.origin is None:
                continue
            answers[path] = StoredAnswer(
                value=a.value,
                origin=AnswerOrigin(a.origin.value),
                set_by=None if a.origin == Origin.IMPORTED else self.actor,
                set_at=open_review.set_at.get(path, stamp),
                imported_value=a.imported if a.was_imported else None,
            )
        answers[META_KEY] = StoredAnswer(
            value={
                "confirmed": sorted(s.confirmed),
                "units": s.units,
                "policy": s.policy,
                "compare_draft": s.compare_draft,
            },
            origin=AnswerOrigin.ENTERED,
            set_by=self.actor,
            set_at=stamp,
        )
        review: Review = self.store.reviews.get(open_review.review_id)
        review = replace(
            review, answers=answers, clause_comments=dict(s.clause_comments), comment=s.comment
        )
        try:
            saved = self.store.reviews.save(review, open_review.revision, actor=self.actor)
        except StoreError as exc:
            raise DeskError(str(exc)) from None
        open_review.revision = saved.revision
        return now

    def default_policy(self) -> str | None:
        value = self.store.settings.get("default_policy")
        return str(value) if value else None

    def decide(
        self, review: OpenReview, action: str, reason: str, password: str, evaluation: Any
    ) -> str:
        """Carry out approve / refer / deny / pend through the workflow; a line for the status."""
        try:
            operations = importlib.import_module("ixreview.workflow.operations")
        except ModuleNotFoundError:
            raise DeskError(
                "deciding is not available in this build (the workflow operations are missing)"
            ) from None
        from ixreview.workflow.errors import WorkflowError

        try:
            result = operations.decide_from_gui(
                self.store, self.session, review.reference, action, reason, password, evaluation
            )
        except WorkflowError as exc:
            raise DeskError(str(exc)) from None
        return str(result)

    # -- history --------------------------------------------------------------------------
    def history_fetcher(self, text: str, **filters: Any):  # type: ignore[no-untyped-def]
        from ixreview.store.history import HistoryQuery

        query = HistoryQuery(text=text.strip() or None, **filters)

        def fetch(after: str | None, limit: int) -> tuple[list[Any], str | None]:
            page = self.store.history.search(query, limit=limit, after=after)
            return page.rows, page.next_cursor

        return fetch

    # -- letters --------------------------------------------------------------------------
    def letters(self, reference: str) -> list[bytes]:
        view = self.store.view_request(reference, actor=self.actor)
        return [letter.pdf for letter in view.letters]

    # -- settings -------------------------------------------------------------------------
    def setting(self, key: str, default: Any = None) -> Any:
        return self.store.settings.get(key, default)

    def set_settings(self, values: dict[str, Any]) -> None:
        if not self.is_admin:
            raise DeskError("only an administrator may change settings")
        with self.store.transaction():
            for key, value in values.items():
                self.store.settings.set(key, value, actor=self.actor)

    def close(self) -> None:
        self.store.close()
