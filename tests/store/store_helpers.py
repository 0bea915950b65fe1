"""Builders shared by the store tests and the writer processes they spawn.

(tests/ is not a package; pytest puts this folder on sys.path, so test modules
import this file as `store_helpers`.)
"""

from __future__ import annotations

import copy
import json
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from ixreview.domain.engine import evaluate
from ixreview.domain.evaluation import Evaluation
from ixreview.domain.intake import parse_case_json
from ixreview.store import DecisionCode, NewDetermination, Store

DATA = Path(__file__).parent.parent / "data"
FIXTURES = Path(__file__).parent / "fixtures"


def case_dict(**dotted: Any) -> dict[str, Any]:
    """The case-format example with dotted-path changes ({"member.id": "X"})."""
    out: dict[str, Any] = json.loads((DATA / "example-case.json").read_text(encoding="utf-8"))
    for path, value in dotted.items():
        node = out
        *parents, last = path.split(".")
        for p in parents:
            node = node.setdefault(p, {})
        node[last] = copy.deepcopy(value)
    return out


def case_text(**dotted: Any) -> str:
    return json.dumps(case_dict(**dotted), ensure_ascii=False, indent=1)


@cache
def evaluation() -> Evaluation:
    """A real engine evaluation of the example case (computed once per process)."""
    return evaluate(parse_case_json(case_text()), "ING-CC-0090")


def approval(
    store: Store,
    request_id: int,
    decider_id: int,
    *,
    number: str = "AUTH-1",
    start: date = date(2026, 12, 1),
    end: date = date(2027, 5, 31),
    supersedes: int | None = None,
    reason: str | None = None,
) -> NewDetermination:
    review = store.reviews.for_request(request_id)
    return NewDetermination(
        request_id=request_id,
        review_id=review.id,
        evaluation=evaluation(),
        decision=DecisionCode.APPROVED,
        decider_id=decider_id,
        decider_role="nurse",
        rationale="All criteria met.",
        authorization_number=number,
        period_start=start,
        period_end=end,
        units=675,
        supersedes_id=supersedes,
        correction_reason=reason,
    )


def denial(store: Store, request_id: int, decider_id: int, **kw: Any) -> NewDetermination:
    review = store.reviews.for_request(request_id)
    return NewDetermination(
        request_id=request_id,
        review_id=review.id,
        evaluation=evaluation(),
        decision=DecisionCode.DENIED,
        decider_id=decider_id,
        decider_role="physician",
        rationale="Criterion II not met.",
        **kw,
    )


class FixedClock:
    """A settable clock for deterministic time stamps."""

    def __init__(self, start: datetime = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        return self.moment
