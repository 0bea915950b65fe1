"""Clauses are coloured and worded by their effect on the outcome, on screen and paper."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ixreview.domain.engine import evaluate
from ixreview.domain.evaluation import ClauseRole, Truth
from ixreview.domain.intake import parse_case_data
from ixreview.letters.wording import Effect, effect, route_not_taken

EXAMPLE = Path(__file__).parents[1] / "data" / "example-case.json"


def _example(**labs: Any) -> Any:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["labs"].update(labs)
    return evaluate(parse_case_data(data), "ING-CC-0090")


def test_an_approvable_case_shows_no_red() -> None:
    ev = _example()
    assert ev.outcome.value == "meets_criteria"
    effects = {c.id: effect(c, ev.clauses) for c in ev.clauses}
    assert Effect.AGAINST not in effects.values()
    # The alternatives of "any of the following" another route met: no effect.
    assert {c.id for c in ev.clauses if route_not_taken(c, ev.clauses)} == {
        "II.A",
        "II.C",
        "II.D",
        "II.D.1",
    }
    # Exclusions that do not apply support the approval.
    for c in ev.clauses:
        if c.role is ClauseRole.EXCLUSION:
            assert effects[c.id] is Effect.SUPPORTS


def test_an_exclusion_that_applies_is_red_and_says_applies(make_checklist: Any) -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["labs"]["anc_per_mm3"] = 1200
    w = make_checklist(data)
    ev = w.model.evaluation
    applies = [c for c in ev.clauses if c.role is ClauseRole.EXCLUSION and c.status is Truth.MET]
    assert applies and effect(applies[0], ev.clauses) is Effect.AGAINST
    item = w.criteria.items()[applies[0].id]
    assert item.text(1) == "Applies"
    not_taken = w.criteria.items()["II.A"]
    assert "another route is met" in not_taken.toolTip(1)
    page = w.page("decision")
    table = page.ui.clause_comments
    rows = {table.item(r, 0).data(256): table.item(r, 1).text() for r in range(table.rowCount())}
    assert rows[applies[0].id] == "Applies"
    assert rows["NA.II"] == "Does not apply"
