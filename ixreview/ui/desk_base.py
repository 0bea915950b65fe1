"""What every part of the desk shares: its errors and value types, and the signed-in
session, the actor and the plan's clock and zone (`DeskBase`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING, Any

from ixreview.ui.review_state import ReviewState

if TYPE_CHECKING:
    from collections.abc import Callable

    from ixreview.domain.case import Case
    from ixreview.domain.evaluation import Evaluation
    from ixreview.workflow.accounts import Security, Session
    from ixreview.workflow.gate import Store, User

# Page confirmations, count units and the draft-comparison switch have no column of
# their own in the store yet: they ride in the review's clause comments under this key.
META_KEY = "_checklist"
FIXED_BY_REQUEST = {"reference", "received_at"}


class DeskError(Exception):
    """An action was refused or failed; the message is for the reviewer, in words.

    `field` names the form field at fault when there is one (the dialog shows the
    message there), else None.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.problem = message


def desk_error(exc: Exception) -> DeskError:
    """A workflow error as a DeskError, keeping the field it names."""
    from ixreview.workflow.errors import InvalidInput

    if isinstance(exc, InvalidInput):
        error = DeskError(str(exc), exc.field)
        error.problem = exc.problem
        return error
    return DeskError(str(exc))


@dataclass(frozen=True)
class PastCase:
    """What a past case offers: its current determination and letters."""

    reference: str
    decision: str | None  # A1, A3, A4, C
    authorization_number: str | None
    period_start: str | None
    period_end: str | None
    letters: int
    decided: str = ""  # "by Nina Okafor, RN on 2026-11-22 15:42 CST"

    @property
    def can_continue(self) -> bool:
        return self.decision == "A1" and bool(self.authorization_number)


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
    saved_policy: str | None = None
    held_by: str | None = None  # "In review by Nina Patel, RN since 10:42 (CST)": another's


class DeskBase:
    """The store, the signed-in reviewer and her session; times in the plan's zone."""

    def __init__(self, store: Store, user: User | None = None) -> None:
        self.store = store
        self.user = user
        self.session: Session | None = None
        self._people: dict[int, str] = {}  # user id -> "Full Name, credentials"
        self.security: Security | None = None  # None: the workflow's production defaults
        if user is not None:  # a Desk made for an already known user (tests, tools)
            self.use_account(user)

    def use_account(self, user: User) -> None:
        from ixreview.workflow.accounts import Session, role_of

        self.user = user
        self.session = Session(user.id, user.username, role_of(user), self.store.now())

    @property
    def actor(self) -> int | None:
        return self.user.id if self.user else None

    def _security(self) -> dict[str, Any]:
        return {} if self.security is None else {"security": self.security}

    def _session(self) -> Session:
        if self.session is None:
            raise DeskError("sign in first")
        return self.session

    @property
    def is_admin(self) -> bool:
        return self.user is not None and str(self.user.role) in ("admin", "administrator")

    def workflow_role(self) -> Any:
        return None if self.session is None else self.session.role

    def today(self) -> date:
        """The store clock's date in the plan's zone (the respond-by rules count days on it)."""
        return self.local_now().date()

    def person(self, user_id: int) -> str:
        """A reviewer as the desk names her: "Nina Okafor, RN" (never the user name)."""
        from ixreview.ui.words import reviewer_name

        if user_id not in self._people:
            from ixreview.workflow.records import reviewer_account

            user = reviewer_account(self.store, user_id)
            self._people[user_id] = reviewer_name(user) if user else f"reviewer {user_id}"
        return self._people[user_id]

    def evaluator(self) -> Callable[[Case, str | None], Evaluation]:
        """The engine under the plan's rules (authorization months, lab age limit), so
        the live criteria panel judges a case as the decision will."""
        from ixreview.workflow.plan_rules import plan_rules

        return plan_rules(self.store).engine()

    def local_now(self) -> datetime:
        """The store clock's time in the plan's time zone (a setting; the computer's)."""
        from ixreview.workflow.zone import in_zone, plan_zone

        return in_zone(self.store.now(), plan_zone(self.store))

    def zone(self) -> tzinfo | None:
        from ixreview.workflow.zone import plan_zone

        return plan_zone(self.store)

    def shown(self, when: datetime | str) -> str:
        """A stored time as the reviewer reads it, in the plan's zone with the zone named."""
        from ixreview.workflow.zone import shown

        return shown(datetime.fromisoformat(when) if isinstance(when, str) else when, self.zone())

    def setting(self, key: str, default: Any = None) -> Any:
        """A plan setting (they hold no PHI; reading needs no sign-in)."""
        from ixreview.workflow.plan_settings import value

        return value(self.store, key, default)

    def default_policy(self) -> str | None:
        from ixreview.workflow.operations import DEFAULT_POLICY_SETTING

        value = self.setting(DEFAULT_POLICY_SETTING)
        return str(value) if value else None
