"""Autosave: the reviewer's checklist answers and comments, saved as one transaction each.

Every save checks the revision the window saw (another window or user may have
saved since) and the account as stored now; the GUI shows "saved" only after it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from ixreview.store import ConflictError, Review, Store
from ixreview.store.clock import utc_iso
from ixreview.workflow.accounts import Session
from ixreview.workflow.casefile import answer_for, check_path
from ixreview.workflow.errors import Conflict
from ixreview.workflow.permissions import Request
from ixreview.workflow.review_context import check_action, expect_revision, load_review
from ixreview.workflow.states import Action


def save_answers(
    store: Store,
    session: Session,
    reference: str,
    answers: Mapping[str, Any],
    *,
    expected_revision: int,
    clause_comments: Mapping[str, str] | None = None,
    comment: str | None = None,
) -> Review:
    """Autosave: the changed answers (and comments) as one transaction.

    A value of None clears the answer (back to what the request said).
    Returns the review with its new revision; the GUI shows "saved" only then.
    """
    with store.transaction():  # the checks read what the write replaces
        return _save_answers(
            store, session, reference, answers, expected_revision, clause_comments, comment
        )


def _save_answers(
    store: Store,
    session: Session,
    reference: str,
    answers: Mapping[str, Any],
    expected_revision: int,
    clause_comments: Mapping[str, str] | None,
    comment: str | None,
) -> Review:
    loaded = load_review(store, session, reference)
    expect_revision(loaded, expected_revision)
    check_action(store, loaded, Request(Action.SAVE), None)
    for path in answers:
        check_path(path)
    now = utc_iso(store.now())
    merged = dict(loaded.review.answers)
    for path, value in answers.items():
        if value is None:
            merged.pop(path, None)
        else:
            merged[path] = answer_for(loaded.request, path, value, user_id=loaded.user.id, at=now)
    review = replace(
        loaded.review,
        answers=merged,
        clause_comments=dict(clause_comments)
        if clause_comments is not None
        else loaded.review.clause_comments,
        comment=loaded.review.comment if comment is None else comment,
    )
    try:
        return store.reviews.save(review, expected_revision, actor=loaded.user.id)
    except ConflictError as exc:
        raise Conflict(str(exc)) from None


def save_answer(
    store: Store,
    session: Session,
    reference: str,
    path: str,
    value: Any,
    *,
    expected_revision: int,
) -> Review:
    """Save one checklist answer (its origin: imported, entered or override)."""
    return save_answers(
        store, session, reference, {path: value}, expected_revision=expected_revision
    )
