"""Implausible but possible values are warnings (never silent, never errors), at their edges."""

from __future__ import annotations

from typing import Any

import pytest
from domain_helpers import case

from ixreview.domain.intake import plausibility_warnings


def warned(**changes: Any) -> dict[str, str]:
    return {w.path: w.message for w in plausibility_warnings(case(**changes))}


def test_the_example_raises_no_doubt() -> None:
    assert warned() == {}


def test_platelets_150_reads_as_thousands() -> None:
    assert warned(**{"labs.platelets_per_mm3": 150}) == {
        "labs.platelets_per_mm3": "150 cells/mm³ is implausibly low; was it given in ×10³/µL "
        "(150 ×10³/µL = 150,000 cells/mm³)?"
    }


def test_anc_1_8_reads_as_10_9_per_litre() -> None:
    assert warned(**{"labs.anc_per_mm3": 1.8}) == {
        "labs.anc_per_mm3": "1.8 cells/mm³ is implausibly low; was it given in ×10⁹/L "
        "(1.8 ×10⁹/L = 1,800 cells/mm³)?"
    }


@pytest.mark.parametrize(
    ("path", "value", "doubt"),
    [
        ("labs.platelets_per_mm3", 999, True),
        ("labs.platelets_per_mm3", 1000, False),
        ("labs.anc_per_mm3", 49.9, True),
        ("labs.anc_per_mm3", 50, False),
        ("medication.bsa_m2", 0.9, True),
        ("medication.bsa_m2", 1.0, False),
        ("medication.bsa_m2", 3.0, False),
        ("medication.bsa_m2", 3.1, True),
    ],
)
def test_unit_and_range_doubts_at_their_edges(path: str, value: float, doubt: bool) -> None:
    assert (path in warned(**{path: value})) is doubt


def test_bsa_message_names_the_value_and_range() -> None:
    assert warned(**{"medication.bsa_m2": 3.1})["medication.bsa_m2"] == (
        "a body surface area of 3.1 m² is outside the usual 1–3 m²; check height and weight"
    )


def test_labs_older_than_30_days() -> None:
    # received 2026-11-19: 30 days before is 2026-10-20.
    assert warned(**{"labs.collected_on": "2026-10-20"}) == {}
    assert warned(**{"labs.collected_on": "2026-10-19"}) == {
        "labs.collected_on": "labs were collected 31 days before the request was received "
        "(more than 30); they may not be baseline values"
    }


def test_member_older_than_110() -> None:
    # received 2026-11-19: born 1916-11-19 is exactly 110 (possible), a day earlier 111.
    assert warned(**{"member.birth_date": "1916-11-19"}) == {}
    assert warned(**{"member.birth_date": "1915-11-19"}) == {
        "member.birth_date": "the member would be 111 years old"
    }


def test_dated_progression_on_an_ongoing_regimen_marked_not_progressed() -> None:
    got = warned(**{"prior_therapies.1.end": None})
    assert got == {
        "prior_therapies[1]": "progression is dated while the regimen is still ongoing, "
        "yet progressed_on_therapy is false"
    }


# -- prior lines of therapy against the listed regimens -------------------------------------


@pytest.mark.parametrize(
    ("lines", "therapies", "message"),
    [
        (
            2,
            [],
            "2 prior line(s) of therapy are attested but prior_therapies lists no regimen; "
            "add the treatment history or correct the count",
        ),
        (
            3,
            None,  # keep the example's two regimens
            "3 prior lines of therapy are attested but prior_therapies lists only 2 "
            "regimen(s); check the count against the treatment history",
        ),
        (2, None, None),  # two lines, two regimens
        (0, [], None),
    ],
)
def test_lines_that_the_history_cannot_account_for(
    lines: int, therapies: list[Any] | None, message: str | None
) -> None:
    changes: dict[str, Any] = {"prior_lines_of_therapy": lines}
    if therapies is not None:
        changes["prior_therapies"] = therapies
    assert warned(**changes).get("prior_lines_of_therapy") == message


def test_lines_are_not_checked_against_an_undocumented_history() -> None:
    assert "prior_lines_of_therapy" not in warned(prior_therapies=None, prior_lines_of_therapy=4)
