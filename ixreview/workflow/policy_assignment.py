"""Reassigning the policy an open request is reviewed against (physicians and administrators).

The decider never chooses the policy (`review_context.policy_key`): it is fixed
on the request when imported, and only this action changes it, with a reason.
"""

from __future__ import annotations

from dataclasses import replace

from ixreview.store import ConflictError, PolicyNotAssignable, Store
from ixreview.workflow.accounts import Session
from ixreview.workflow.errors import Conflict, IllegalTransition, InvalidInput, NotPermitted
from ixreview.workflow.review_context import audit_refusal, expect_revision, load_review
from ixreview.workflow.roles import Role
from ixreview.workflow.zone import plan_zone, shown

_REASSIGNING_ROLES = frozenset({Role.PHYSICIAN_REVIEWER, Role.ADMINISTRATOR})


def reassign_policy(
    store: Store,
    session: Session,
    reference: str,
    policy: str,
    reason: str,
    *,
    expected_revision: int | None = None,
) -> str:
    """Assign another policy to an open request (physicians and administrators only).

    The new policy is pinned to the version in force on the received date (a draft
    is refused). The reason goes on the review's record (it may name clinical facts,
    so the audit entry carries only the policy keys). Returns the new key.
    """
    loaded = load_review(store, session, reference)
    revision = expect_revision(loaded, expected_revision)
    if loaded.role not in _REASSIGNING_ROLES:
        audit_refusal(store, loaded, "reassign_policy", "NotPermitted")
        raise NotPermitted(
            "only a physician reviewer or an administrator may reassign a request's policy; "
            "refer the case to a physician reviewer with a comment"
        )
    if not loaded.state.is_open:
        raise IllegalTransition(
            f"cannot reassign the policy of a review that is already {loaded.state.label}: "
            "a closed review is never changed"
        )
    if not reason.strip():
        raise InvalidInput("reason", "reassigning the policy needs a reason")
    if not policy.strip():
        raise InvalidInput("policy", "name the policy to assign (for example ING-CC-0090)")
    old = loaded.request.policy
    stamp = shown(store.now(), plan_zone(store))
    try:
        with store.transaction():
            new = store.requests.set_policy(loaded.request.id, policy.strip(), actor=loaded.user.id)
            entry = (
                f"Policy reassigned by {loaded.user.full_name} ({stamp}) from "
                f"{old or 'none'} to {new}: {reason.strip()}"
            )
            review = replace(loaded.review, comment=f"{loaded.review.comment}\n\n{entry}".strip())
            store.reviews.save(review, revision, actor=loaded.user.id)
            store.audit.append(
                "policy_reassigned",
                "review",
                loaded.review.id,
                actor=loaded.user.id,
                details={
                    "request_id": loaded.request.id,
                    "role": loaded.role.value,
                    "from": old,
                    "to": new,
                    "reason_given": True,
                },
            )
    except PolicyNotAssignable as exc:
        raise InvalidInput("policy", str(exc).removeprefix("policy: ")) from None
    except ConflictError as exc:
        raise Conflict(str(exc)) from None
    return new
