"""State changes without a letter: refer, resume from a pend, information not received, cancel.

Each checks role and state (`permissions`), then in ONE store transaction writes
the review's new state (optimistic revision check), a note on its record, the
audit entry and, for a cancellation, the determination C. A review pended past
its request for information's respond-by date (store clock) may be referred to a
physician as "information not received"; the physician may then deny it
(`decisions.deny`), the letter citing each clause still not documented.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ixreview.store import Store
from ixreview.workflow.accounts import Session
from ixreview.workflow.errors import InvalidInput
from ixreview.workflow.outcome_records import add_determination, audit_action, save_state
from ixreview.workflow.permissions import CancelReason, Request
from ixreview.workflow.review_context import (
    Result,
    check_action,
    expect_revision,
    load_review,
    open_information,
)
from ixreview.workflow.states import DECISION_CODES, Action, DecisionCode
from ixreview.workflow.zone import plan_zone, shown


def refer(
    store: Store,
    session: Session,
    reference: str,
    comment: str,
    *,
    expected_revision: int | None = None,
) -> Result:
    """Refer to a physician reviewer, with a comment for them."""
    return _change_state(
        store, session, reference, Request(Action.REFER, comment=comment), expected_revision
    )


def resume_from_pend(
    store: Store,
    session: Session,
    reference: str,
    note: str = "",
    *,
    expected_revision: int | None = None,
) -> Result:
    """The requested information arrived: the review is a draft again."""
    return _change_state(
        store, session, reference, Request(Action.RESUME, comment=note), expected_revision
    )


def information_not_received(
    store: Store,
    session: Session,
    reference: str,
    note: str = "",
    *,
    expected_revision: int | None = None,
) -> Result:
    """The requested information did not arrive by the respond-by date: refer to a physician.

    Nurses and physicians, only once the date has passed (store clock). The reason
    goes on the review's record; the audit entry names the request for information.
    """
    return _change_state(
        store,
        session,
        reference,
        Request(Action.INFO_NOT_RECEIVED, comment=note),
        expected_revision,
    )


def cancel(
    store: Store,
    session: Session,
    reference: str,
    reason: str = "",
    *,
    reason_code: CancelReason | str | None = None,
    expected_revision: int | None = None,
) -> Result:
    """Cancel an open review (determination C; no letter).

    A nurse cancels only for a coded reason (`CancelReason`: withdrawn by the
    prescriber, duplicate request, member not eligible), with an optional note;
    physicians and administrators may also give a written reason alone.
    """
    code = None
    if reason_code is not None:
        try:
            code = CancelReason(reason_code)
        except ValueError:
            known = ", ".join(c.value for c in CancelReason)
            raise InvalidInput(
                "reason_code", f'"{reason_code}" is not a cancel reason code ({known})'
            ) from None
    req = Request(Action.CANCEL, comment=reason, reason_code=code)
    return _change_state(store, session, reference, req, expected_revision)


def _change_state(
    store: Store, session: Session, reference: str, req: Request, expected: int | None
) -> Result:
    loaded = load_review(store, session, reference)
    revision = expect_revision(loaded, expected)
    info = open_information(store, loaded) if req.action == Action.INFO_NOT_RECEIVED else None
    target = check_action(store, loaded, req, None, info)
    note = req.comment.strip()
    if req.reason_code is not None:
        note = f"Cancelled: {req.reason_code.words}." + (f" {note}" if note else "")
    if info is not None:
        note = (
            f"Information not received: requested on {info.requested_on:%Y-%m-%d}, to be "
            f"sent by {info.respond_by:%Y-%m-%d}." + (f" {note}" if note else "")
        )
    review = loaded.review
    headings = {
        Action.REFER: "Referred",
        Action.RESUME: "Resumed",
        Action.INFO_NOT_RECEIVED: "Referred to a physician reviewer",
    }
    if note and req.action in headings:
        stamp = shown(store.now(), plan_zone(store))
        entry = f"{headings[req.action]} by {loaded.user.full_name} ({stamp}): {note}"
        review = replace(review, comment=f"{review.comment}\n\n{entry}".strip())
    with store.transaction():
        determination_id = None
        if req.action == Action.CANCEL:
            determination_id = add_determination(
                store, loaded, DecisionCode.CANCELLED, None, rationale=note
            )
        saved = save_state(store, loaded, review, target, revision)
        extra: dict[str, Any] | None = None
        if req.reason_code is not None:
            extra = {"reason_code": req.reason_code.value}
        if info is not None:  # the request for information that went unanswered
            determination_id = info.determination_id
            extra = {"reason_code": "information_not_received"}
        audit_action(store, loaded, req.action, determination_id=determination_id, extra=extra)
        if info is not None:
            determination_id = None  # no determination of its own
    return Result(
        action=req.action,
        state=target,
        revision=saved.revision,
        decision=DECISION_CODES.get(req.action),
        determination_id=determination_id,
    )
