"""A count that reads as a unit mistake is never judged in cells/mm³ (domain-notes.md)."""

from __future__ import annotations

from typing import Any

import pytest
from domain_helpers import ING, case, run

from ixreview.domain.evaluation import Outcome, Truth
from ixreview.domain.intake import plausibility_warnings


def _evaluate(**changes: Any):
    return case(**changes), run(ING, **changes)


@pytest.mark.parametrize(
    ("path", "value"),
    [("labs.platelets_per_mm3", 150), ("labs.anc_per_mm3", 1.8), ("labs.platelets_per_mm3", 999)],
)
def test_a_unit_doubt_needs_confirmation_instead_of_a_denial(path: str, value: float) -> None:
    parsed, ev = _evaluate(**{path: value})
    assert ev.outcome == Outcome.NEEDS_INFORMATION
    assert ev.missing == [path]
    assert ev.clause("NA.I").status == Truth.UNKNOWN
    assert "unit mistake" in ev.clause("NA.I").reason
    assert [w.path for w in plausibility_warnings(parsed)] == [path]


@pytest.mark.parametrize(
    ("path", "value", "outcome"),
    [
        ("labs.platelets_per_mm3", 1000, Outcome.DOES_NOT_MEET),  # plausible, and too low
        ("labs.anc_per_mm3", 50, Outcome.DOES_NOT_MEET),
        ("labs.platelets_per_mm3", 150_000, Outcome.MEETS),  # the same count, converted
    ],
)
def test_a_plausible_count_is_judged(path: str, value: float, outcome: Outcome) -> None:
    _, ev = _evaluate(**{path: value})
    assert ev.outcome == outcome
