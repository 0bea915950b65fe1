"""Reviews in progress: saved on every answer, guarded by a revision number.

`save(review, expected_revision)` is an optimistic-concurrency write: it
succeeds only if the stored revision is still the one the caller loaded, so a
second window holding a stale copy gets a ConflictError instead of silently
overwriting the first window's work.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import TYPE_CHECKING

from ixreview.store.clock import utc_iso
from ixreview.store.errors import ConflictError, NotFoundError
from ixreview.store.models import AuditAction, Review, ReviewState
from ixreview.store.rows import one, review_record

if TYPE_CHECKING:
    from ixreview.store.store import Store


class ReviewRepository:
    def __init__(self, store: Store) -> None:
        self._store = store

    def get(self, review_id: int) -> Review:
        row = one(self._store.conn.execute("SELECT * FROM reviews WHERE id = ?", (review_id,)))
        if row is None:
            raise NotFoundError(f"no review with id {review_id}")
        return review_record(row)

    def for_request(self, request_id: int) -> Review:
        row = one(
            self._store.conn.execute("SELECT * FROM reviews WHERE request_id = ?", (request_id,))
        )
        if row is None:
            raise NotFoundError(f"no review for request {request_id}")
        return review_record(row)

    def save(
        self, review: Review, expected_revision: int | None = None, *, actor: int | None = None
    ) -> Review:
        """Store the review as one transaction; returns it with its new revision.

        `expected_revision` defaults to `review.revision` (the revision it was loaded at).
        """
        expected = review.revision if expected_revision is None else expected_revision
        state = ReviewState(review.state)
        answers = {k: a.to_json() for k, a in review.answers.items()}
        store = self._store
        with store.transaction():
            before = one(
                store.conn.execute(
                    "SELECT revision, answers_json, state FROM reviews WHERE id = ?", (review.id,)
                )
            )
            if before is None:
                raise NotFoundError(f"no review with id {review.id}")
            if before["revision"] != expected:
                raise ConflictError(
                    f"review {review.id} was saved by another window or user since you opened "
                    f"it (it is now at revision {before['revision']}; your copy is revision "
                    f"{expected}). Reload the review and apply your change again."
                )
            now = utc_iso(store.now())
            store.conn.execute(
                "UPDATE reviews SET state = ?, answers_json = ?, clause_comments_json = ?,"
                " comment = ?, assigned_to = ?, revision = revision + 1, updated_at = ?,"
                " updated_by = ? WHERE id = ? AND revision = ?",
                (
                    state.value,
                    json.dumps(answers, sort_keys=True, ensure_ascii=False),
                    json.dumps(review.clause_comments, sort_keys=True, ensure_ascii=False),
                    review.comment,
                    review.assigned_to,
                    now,
                    actor,
                    review.id,
                    expected,
                ),
            )
            old_answers = json.loads(before["answers_json"])
            changed = sorted(
                k for k in set(old_answers) | set(answers) if old_answers.get(k) != answers.get(k)
            )
            details: dict[str, object] = {"revision": expected + 1, "answers": changed}
            if before["state"] != state.value:
                details["state"] = [before["state"], state.value]
            store.audit.append(
                AuditAction.CHANGED, "review", review.id, actor=actor, details=details
            )
        return replace(review, state=state, revision=expected + 1, updated_at=now, updated_by=actor)
