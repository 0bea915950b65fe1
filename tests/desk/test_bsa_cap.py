"""Body surface area above 2.2 m²: the capped dose is authorized, the letter says so,
and the nurse may approve (sample PA-2026-005117)."""

from __future__ import annotations

import json
from importlib import resources

from ixreview.domain.engine import evaluate
from ixreview.domain.intake import parse_case_data
from ixreview.workflow.letterdata import approval_terms


def _sample() -> object:
    text = (
        resources.files("ixreview.resources.samples")
        .joinpath("bcbst-approval-capecitabine.json")
        .read_text(encoding="utf-8")
    )
    return parse_case_data(json.loads(text))


def test_the_capped_sample_meets_criteria_with_no_physician_flag() -> None:
    case = _sample()
    ev = evaluate(case, "BCBST-IXEMPRA")  # type: ignore[arg-type]
    assert ev.outcome.value == "meets_criteria"
    assert ev.review_flags == []
    assert ev.authorization is not None and ev.authorization.units_per_dose == 88


def test_the_letter_dose_line_shows_the_capped_total() -> None:
    from ixreview.workflow import letterdata

    case = _sample()
    ev = evaluate(case, "BCBST-IXEMPRA")  # type: ignore[arg-type]
    terms = approval_terms(case, ev, "IXA-1", 12)  # type: ignore[arg-type]
    line = letterdata._dose(case, terms)  # type: ignore[arg-type]
    assert line == (
        "40 mg/m² × 2.2 m² = 88 mg (body surface area 2.31 m², capped at 2.2 m² as the "
        "label directs), 88 units of J9207 per dose"
    )
    # A denial has no authorization but still shows the total.
    assert "= 88 mg" in letterdata._dose(case, None)  # type: ignore[arg-type]
