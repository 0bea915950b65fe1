"""The open request for information of a review, read back from the record.

A pend writes an A4 determination whose rationale lists the items asked for and
the respond-by date (`pend_rationale`); `open_request` reads them back, and the
audit log says whether the review was since referred as "information not
received" for that A4. Pure reading: the rules are in `permissions`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from ixreview.domain.evaluation import ClauseResult
from ixreview.letters.model import LetterKind
from ixreview.letters.templates import fill, load_templates
from ixreview.letters.values import format_date
from ixreview.store import DecisionCode as StoreDecisionCode
from ixreview.store import Store
from ixreview.workflow.casefile import current_case
from ixreview.workflow.letterdata import information_respond_by
from ixreview.workflow.permissions import InformationRequest, MissingItem
from ixreview.workflow.prefill import words_for

NOT_RECEIVED_AUDIT = "info_not_received"
_ITEM = "Requested: "
_WHY = " | why needed: "
_RESPOND_BY = "Respond by: "


def pend_rationale(missing: Sequence[MissingItem], respond_by: date) -> list[str]:
    """The lines a pend's determination records (read back by `open_request`)."""
    lines = [f"{_ITEM}{m.item.strip()}{_WHY}{m.why_needed.strip()}" for m in missing]
    return [*lines, f"{_RESPOND_BY}{respond_by.isoformat()}"]


def open_request(store: Store, request_id: int, review_id: int) -> InformationRequest | None:
    """The A4 in force on the request, or None when the current determination is not one."""
    current = store.determinations.current(request_id)
    if current is None or current.decision != StoreDecisionCode.PENDED:
        return None
    items: list[MissingItem] = []
    respond_by: date | None = None
    for line in current.rationale.splitlines():
        if line.startswith(_ITEM):
            item, _, why = line.removeprefix(_ITEM).partition(_WHY)
            items.append(MissingItem(item.strip(), why.strip()))
        elif line.startswith(_RESPOND_BY):
            respond_by = date.fromisoformat(line.removeprefix(_RESPOND_BY).strip())
    requested_on = datetime.fromisoformat(current.decided_at).astimezone().date()
    if respond_by is None:  # an A4 recorded before respond-by dates were kept
        request = store.requests.get(request_id)
        review = store.reviews.get(review_id)
        respond_by = information_respond_by(store, current_case(request, review), requested_on)
    not_received = any(
        e.action == NOT_RECEIVED_AUDIT and e.details.get("determination_id") == current.id
        for e in store.audit.entries(object_type="review", object_id=review_id)
    )
    return InformationRequest(
        determination_id=current.id,
        requested_on=requested_on,
        respond_by=respond_by,
        items=tuple(items),
        not_received=not_received,
    )


def items_for(clause: ClauseResult, information: InformationRequest) -> list[str]:
    """The requested items that would settle `clause` (all of them when none matches)."""
    wanted = {words_for(path).lower() for path in clause.missing}
    mine = [m.item for m in information.items if m.item.strip().lower() in wanted]
    return mine or [m.item for m in information.items]


def not_received_reason(clause: ClauseResult, information: InformationRequest) -> str:
    """The prefilled reason for one undocumented clause (wording from denial.yaml)."""
    tpl = load_templates()
    items = items_for(clause, information)
    listed = items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
    text = fill(
        tpl.fmt(LetterKind.DENIAL, "not_received_reason"),
        {
            "items": _lower_first(listed),
            "requested_on": format_date(tpl, information.requested_on),
            "respond_by": format_date(tpl, information.respond_by),
        },
        where="denial.yaml: not_received_reason",
    )
    # Plain text (the physician edits it; the letter escapes it again).
    return str(text).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if not text[1:2].isupper() else text
