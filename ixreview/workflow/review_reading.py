"""What a reviewer reads before acting: the engine's evaluation, denial reasons, the open pend.

Nothing here writes; the decision itself is `decisions`.
"""

from __future__ import annotations

from ixreview.domain.evaluation import Evaluation
from ixreview.store import Store
from ixreview.workflow import information, review_context
from ixreview.workflow.accounts import Session
from ixreview.workflow.casefile import current_case
from ixreview.workflow.permissions import (
    InformationRequest,
    denial_reasons,
    not_received_denial,
    relied_on,
)
from ixreview.workflow.review_context import load_review, open_information, policy_key


def evaluate_review(
    store: Store, session: Session, reference: str, *, policy: str | None = None
) -> Evaluation:
    """The engine's evaluation of the case as saved (request + answers).

    Under the request's policy; `policy` evaluates under another one for a
    what-if comparison only (never for a decision: `approve`, `deny` and `pend`
    always use the request's policy).
    """
    loaded = load_review(store, session, reference)
    case = current_case(loaded.request, loaded.review)
    key = policy.strip() if policy and policy.strip() else policy_key(store, loaded.request)
    return review_context.evaluate(store, case, key)


def denial_prefill(store: Store, session: Session, reference: str) -> dict[str, str]:
    """Reasons to prefill a denial with, by clause (the physician edits them).

    The unmet clauses' plain-language reasons; for a needs_information case
    referred as information not received, each undocumented clause with what was
    asked for, when, and by when (wording from denial.yaml).
    """
    loaded = load_review(store, session, reference)
    case = current_case(loaded.request, loaded.review)
    evaluation = review_context.evaluate(store, case, policy_key(store, loaded.request))
    info = open_information(store, loaded)
    if info is not None and not_received_denial(evaluation, info):
        return {c.id: information.not_received_reason(c, info) for c in relied_on(evaluation, info)}
    return denial_reasons(evaluation)


def information_request(
    store: Store, session: Session, reference: str
) -> InformationRequest | None:
    """The review's open request for information (items, dates, whether recorded as
    not received), or None; for the GUI to show the due date and enable buttons."""
    loaded = load_review(store, session, reference)
    return open_information(store, loaded)
