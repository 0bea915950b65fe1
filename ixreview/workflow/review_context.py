"""What every review action starts from: the review loaded for the signed-in user, checked.

Each action (`autosave`, `state_changes`, `decisions`, `policy_assignment`) loads
the request and its review against the account as stored now (a deactivated or
locked user can do nothing), compares the revision the caller saw, runs the
permission check of `permissions` (a refusal is audited: what was tried and why,
no PHI) and evaluates the case under the policy fixed on the request.

`evaluate` is looked up on this module by every action at call time, so a test
may replace it here to give the engine's result a physician-review flag.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ixreview.domain.case import Case
from ixreview.domain.engine import resolve_policy
from ixreview.domain.evaluation import Evaluation
from ixreview.domain.policies import PolicyError
from ixreview.store import NotFoundError, RequestRecord, Review, Store, User
from ixreview.workflow import information
from ixreview.workflow.accounts import Session, active_user, role_of
from ixreview.workflow.errors import (
    Conflict,
    IllegalTransition,
    InvalidInput,
    NotFound,
    NotPermitted,
)
from ixreview.workflow.permissions import InformationRequest, Request, check
from ixreview.workflow.plan_rules import plan_rules
from ixreview.workflow.roles import Role
from ixreview.workflow.states import Action, DecisionCode, ReviewState
from ixreview.workflow.zone import in_zone, plan_zone

DEFAULT_POLICY_SETTING = "policy.default"  # e.g. "ING-CC-0090", when a request names none


@dataclass(frozen=True)
class Result:
    """What an action did; the GUI shows it, the CLI prints it."""

    action: Action
    state: ReviewState
    revision: int
    decision: DecisionCode | None = None
    determination_id: int | None = None
    letter_id: int | None = None
    letter_sha256: str | None = None
    authorization_number: str | None = None


@dataclass(frozen=True)
class LoadedReview:
    """The acting user (as stored now), their role, the request and its review."""

    user: User
    role: Role
    request: RequestRecord
    review: Review

    @property
    def state(self) -> ReviewState:
        return ReviewState(self.review.state.value)


def load_review(store: Store, session: Session, reference: str) -> LoadedReview:
    user = active_user(store, session)
    try:
        request = store.requests.by_reference(reference.strip())
        review = store.reviews.for_request(request.id)
    except NotFoundError as exc:
        raise NotFound(str(exc)) from None
    return LoadedReview(user, role_of(user), request, review)


def expect_revision(loaded: LoadedReview, expected_revision: int | None) -> int:
    current = loaded.review.revision
    if expected_revision is not None and expected_revision != current:
        raise Conflict(
            f"review {loaded.review.id} was changed by another window or user since you opened "
            f"it (revision {current}, yours {expected_revision}); reload it and try again"
        )
    return current


def open_information(store: Store, loaded: LoadedReview) -> InformationRequest | None:
    return information.open_request(store, loaded.request.id, loaded.review.id)


def plan_today(store: Store) -> date:
    """The store clock's date in the plan's zone: the one respond-by dates are counted in."""
    return in_zone(store.now(), plan_zone(store)).date()


def check_action(
    store: Store,
    loaded: LoadedReview,
    request: Request,
    ev: Evaluation | None,
    info: InformationRequest | None = None,
) -> ReviewState:
    """Permission check; a refusal is audited (what was tried and why, no PHI)."""
    try:
        return check(
            loaded.role, loaded.state, request, ev, information=info, today=plan_today(store)
        )
    except (NotPermitted, IllegalTransition) as exc:
        audit_refusal(store, loaded, request.action.value, type(exc).__name__)
        raise


def audit_refusal(store: Store, loaded: LoadedReview, action: str, why: str) -> None:
    """A refused action on record: what was tried, by which role, in which state, and why."""
    store.audit.append(
        "refused",
        "review",
        loaded.review.id,
        actor=loaded.user.id,
        details={
            "action": action,
            "role": loaded.role.value,
            "state": loaded.state.value,
            "why": why,
        },
    )


# -- the policy and the engine --------------------------------------------------------


def policy_key(store: Store, request: RequestRecord, policy: str | None = None) -> str:
    """The policy the request is decided under: always the one fixed on the request.

    A caller's `policy` that names another policy (or another version) is refused:
    the decider does not choose the policy. Reassigning it is `reassign_policy`.
    """
    key = request.policy
    if not key:
        raise InvalidInput(
            "policy",
            "no policy is assigned to this request; a physician reviewer or an "
            "administrator must assign one (ixreview reassign-policy) before it is decided",
        )
    if policy and policy.strip() and not _same_policy(request, policy.strip(), key):
        raise NotPermitted(
            f"this request is reviewed under {key}, fixed when it was imported; a decision "
            f"cannot use {policy.strip()}. A physician reviewer or an administrator may "
            "reassign the policy, with a reason"
        )
    return str(key)


def _same_policy(request: RequestRecord, wanted: str, key: str) -> bool:
    if wanted == key:
        return True
    try:
        return resolve_policy(request.case(), wanted).key == resolve_policy(request.case(), key).key
    except PolicyError:
        return False


def default_months(store: Store) -> int:
    return plan_rules(store).default_months


def evaluate(store: Store, case: Case, key: str) -> Evaluation:
    return plan_rules(store).evaluate(case, key)
