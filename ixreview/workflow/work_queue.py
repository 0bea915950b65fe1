"""The work queue and the decision clock: every open review with its due time, most urgent first.

Due times follow the plan type and urgency rules of `clock` (settings); the queue
holds PHI (member names) for the screen only and is audited as viewed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from ixreview.domain import clock
from ixreview.domain.case import Urgency
from ixreview.store import HistoryQuery, RequestRecord, Store
from ixreview.store import ReviewState as StoreReviewState
from ixreview.workflow.accounts import Session, active_user, role_of
from ixreview.workflow.errors import NotPermitted
from ixreview.workflow.roles import Role
from ixreview.workflow.states import ReviewState


def _clock_rules(store: Store) -> dict[clock.PlanType, clock.ClockRule]:
    settings = {k: store.settings.get(k) for k in clock.SETTING_KEYS}
    return clock.rules_from_settings({k: v for k, v in settings.items() if v is not None})


def _clock_status(
    rules: Mapping[clock.PlanType, clock.ClockRule],
    received_at: str,
    urgency: str | None,
    plan: str | None,
    now: datetime,
) -> clock.ClockStatus:
    level = None if urgency is None else Urgency(urgency)
    received = datetime.fromisoformat(received_at)
    due = clock.due_at(received, level, clock.plan_type_of(plan), rules)
    return clock.status(due, now)


def decision_clock(
    store: Store, request: RequestRecord, now: datetime | None = None
) -> clock.ClockStatus:
    """Due time and time left, per plan type and urgency (settings)."""
    return _clock_status(
        _clock_rules(store),
        request.received_at,
        request.urgency,
        request.plan,
        now or store.now(),
    )


@dataclass(frozen=True)
class QueueItem:
    """One open review in the work queue (holds PHI: for the screen only, never logs)."""

    reference: str
    member_name: str
    state: ReviewState
    urgency: str | None
    clock: clock.ClockStatus
    actionable: bool  # whether the signed-in user's role may act on it in this state


def queue(store: Store, session: Session, *, now: datetime | None = None) -> list[QueueItem]:
    """Every open review, most urgent first (overdue at the top); audited as viewed."""
    user = active_user(store, session)
    role = role_of(user)
    if not role.reviews:
        raise NotPermitted("administrators manage accounts and do not review")
    rules = _clock_rules(store)
    moment = now or store.now()
    items: list[QueueItem] = []
    for state in (ReviewState.DRAFT, ReviewState.REFERRED, ReviewState.PENDED):
        query = HistoryQuery(state=StoreReviewState(state.value))
        for row in store.history.iter_all(query):
            items.append(
                QueueItem(
                    reference=row.reference,
                    member_name=row.member_name,
                    state=state,
                    urgency=row.urgency,
                    clock=_clock_status(rules, row.received_at, row.urgency, row.plan, moment),
                    actionable=not (role == Role.NURSE_REVIEWER and state == ReviewState.REFERRED),
                )
            )
    items.sort(key=lambda i: (i.clock.due_at, i.reference))
    store.audit.append("viewed", "queue", None, actor=user.id, details={"count": len(items)})
    return items
