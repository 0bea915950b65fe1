"""Resistance and failure windows: calendar months, inclusive, month ends and leap years."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from domain_helpers import case, therapy

from ixreview.domain.drugs import DrugClass
from ixreview.domain.resistance import Tri, failure, resistance, window_end

TAX, ANTH = DrugClass.TAXANE, DrugClass.ANTHRACYCLINE


def resist(cls: DrugClass, *therapies: dict[str, Any]) -> Tri:
    return resistance(case(prior_therapies=list(therapies)), cls)


def fail(cls: DrugClass, *therapies: dict[str, Any]) -> Tri:
    return failure(case(prior_therapies=list(therapies)), cls)


@pytest.mark.parametrize(
    ("last", "months", "end"),
    [
        ("2025-10-31", 4, "2026-02-28"),  # shorter month: its last day
        ("2023-10-31", 4, "2024-02-29"),  # leap year
        ("2024-02-29", 12, "2025-02-28"),  # from a leap day
        ("2025-03-15", 12, "2026-03-15"),
        ("2025-08-31", 6, "2026-02-28"),
        ("2025-11-30", 3, "2026-02-28"),
        ("2025-01-31", 6, "2025-07-31"),
        # a last dose on the last day of its month ends the window on a month's last day
        ("2025-06-30", 4, "2025-10-31"),
        ("2026-02-28", 4, "2026-06-30"),
        ("2025-09-30", 4, "2026-01-31"),
        ("2023-02-28", 12, "2024-02-29"),  # into a leap February
        ("2025-04-30", 3, "2025-07-31"),
        # not a month end: the same day of the month
        ("2025-06-29", 4, "2025-10-29"),
        ("2026-02-27", 4, "2026-06-27"),
    ],
)
def test_window_end(last: str, months: int, end: str) -> None:
    assert window_end(date.fromisoformat(last), months) == date.fromisoformat(end)


# (class, agent, setting, last dose, last day inside the window)
WINDOWS = [
    (TAX, "paclitaxel", "metastatic", "2025-10-31", "2026-02-28"),  # 4 months, month end
    (TAX, "docetaxel", "metastatic", "2023-10-31", "2024-02-29"),  # 4 months, leap year
    (TAX, "Taxotere", "adjuvant", "2025-03-15", "2026-03-15"),  # 12 months
    (TAX, "Abraxane", "neoadjuvant", "2024-02-29", "2025-02-28"),  # 12 months from a leap day
    (ANTH, "doxorubicin", "adjuvant", "2025-01-31", "2025-07-31"),  # 6 months
    (ANTH, "epirubicin", "neoadjuvant", "2025-08-31", "2026-02-28"),  # 6 months, month end
    (ANTH, "Adriamycin", "metastatic", "2025-11-30", "2026-02-28"),  # 3 months
    (ANTH, "Doxil", "metastatic", "2023-11-30", "2024-02-29"),  # 3 months, leap year
    (TAX, "paclitaxel", "metastatic", "2025-06-30", "2025-10-31"),  # month end to month end
    (TAX, "docetaxel", "metastatic", "2026-02-28", "2026-06-30"),  # from February's last day
    (ANTH, "epirubicin", "metastatic", "2025-04-30", "2025-07-31"),  # 3 months, month end
]


@pytest.mark.parametrize(("cls", "agent", "setting", "last", "last_day"), WINDOWS)
def test_resistant_on_the_last_day_of_the_window(
    cls: DrugClass, agent: str, setting: str, last: str, last_day: str
) -> None:
    r = resist(cls, therapy(agent, setting, "2020-01-01", last, progression=last_day))
    assert r.value is True
    assert r.missing == ()
    assert f"window ends {last_day}" in r.explanation


@pytest.mark.parametrize(("cls", "agent", "setting", "last", "last_day"), WINDOWS)
def test_not_resistant_on_the_day_after(
    cls: DrugClass, agent: str, setting: str, last: str, last_day: str
) -> None:
    day_after = date.fromordinal(date.fromisoformat(last_day).toordinal() + 1).isoformat()
    r = resist(cls, therapy(agent, setting, "2020-01-01", last, progression=day_after))
    assert r.value is False
    # ... but it still counts as failure: progression at any time after the regimen.
    assert (
        fail(cls, therapy(agent, setting, "2020-01-01", last, progression=day_after)).value is True
    )


def test_explanation_names_dates_and_window() -> None:
    r = resist(
        TAX,
        therapy("docetaxel", "metastatic", "2025-09-01", "2025-10-31", progression="2026-02-28"),
    )
    assert r.explanation == (
        "docetaxel (metastatic): last dose 2025-10-31, progression 2026-02-28: within 4 months "
        "(window ends 2026-02-28)"
    )


def test_progression_during_therapy_is_resistance_whatever_the_setting() -> None:
    on = therapy("paclitaxel", None, "2025-01-01", "2025-06-01", on=True)
    assert resist(TAX, on).value is True
    # progression dated on or before the last dose, or while still ongoing
    assert resist(
        TAX, therapy("paclitaxel", None, "2025-01-01", "2025-06-01", progression="2025-06-01")
    ).value
    assert resist(
        TAX, therapy("paclitaxel", None, "2025-01-01", None, progression="2025-03-01")
    ).value


def test_no_progression_recorded_is_not_resistance_nor_failure() -> None:
    t = therapy("paclitaxel", "metastatic", "2025-01-01", "2025-06-01")
    assert resist(TAX, t) == Tri(
        False,
        "paclitaxel (metastatic): no progression during therapy; "
        "no progression after it is recorded",
    )
    assert fail(TAX, t).value is False


def test_setting_unknown_between_the_windows_asks_for_the_setting() -> None:
    # last dose 2025-01-10; 4 months ends 2025-05-10, 12 months 2026-01-10.
    t = therapy("docetaxel", None, "2024-09-01", "2025-01-10", progression="2025-08-01")
    r = resist(TAX, therapy("doxorubicin", "adjuvant", "2020-01-01", "2020-03-01"), t)
    assert r.value is None
    assert r.missing == ("prior_therapies[1].setting",)
    assert "possibly within 4 or 12 months (window ends 2025-05-10 / 2026-01-10)" in r.explanation


@pytest.mark.parametrize(("progression", "value"), [("2025-05-10", True), ("2026-01-11", False)])
def test_setting_unknown_does_not_matter_inside_or_beyond_both_windows(
    progression: str, value: bool
) -> None:
    r = resist(TAX, therapy("docetaxel", None, "2024-09-01", "2025-01-10", progression=progression))
    assert r.value is value and r.missing == ()


def test_progression_during_therapy_not_documented() -> None:
    t = therapy("docetaxel", "metastatic", "2024-09-01", "2025-01-10", on=None)
    r = resist(TAX, t)
    assert r.value is None and r.missing == ("prior_therapies[0].progressed_on_therapy",)
    f = fail(TAX, t)
    assert f.value is None and f.missing == ("prior_therapies[0].progressed_on_therapy",)
    # A later progression inside the window settles resistance without it.
    assert resist(TAX, {**t, "progression_date": "2025-03-01"}).value is True
    # Both unknown: setting and on-therapy progression are asked for.
    both = resist(TAX, {**t, "setting": None, "progression_date": "2025-08-01"})
    assert both.value is None
    assert both.missing == (
        "prior_therapies[0].setting",
        "prior_therapies[0].progressed_on_therapy",
    )


def test_any_resistant_regimen_settles_it_and_unknowns_are_listed() -> None:
    unknown = therapy("paclitaxel", "adjuvant", "2019-01-01", "2019-06-01", on=None)
    resistant = therapy("docetaxel", "metastatic", "2025-01-01", "2025-06-01", on=True)
    settled = therapy("paclitaxel", "adjuvant", "2019-01-01", "2019-06-01")
    assert resist(TAX, unknown, resistant).value is True
    assert resist(TAX, unknown, resistant).missing == ()
    r = resist(TAX, settled, unknown)
    assert r.value is None and r.missing == ("prior_therapies[1].progressed_on_therapy",)


def test_other_classes_are_ignored_and_history_must_be_documented() -> None:
    assert resist(
        TAX, therapy("doxorubicin", "adjuvant", "2020-01-01", "2020-03-01", on=True)
    ) == Tri(False, "no taxane regimen in the treatment history")
    assert resistance(case(prior_therapies=[]), TAX).value is False
    r = resistance(case(prior_therapies=None), TAX)
    assert r.value is None and r.missing == ("prior_therapies",)


def test_an_unknown_agent_counts_by_its_class() -> None:
    t = therapy("cabazitaxel", "metastatic", "2025-01-01", "2025-06-01", on=True, cls="taxane")
    assert resist(TAX, t).value is True
    assert resist(ANTH, t).value is False


def test_failure_is_progression_at_any_time_after() -> None:
    t = therapy("doxorubicin", "adjuvant", "2015-01-01", "2015-05-01", progression="2024-01-01")
    assert resist(ANTH, t).value is False
    assert fail(ANTH, t).value is True
    assert failure(case(prior_therapies=[t]), DrugClass.CAPECITABINE).value is False


# -- progression implied by later treatment ---------------------------------------------------

ADJUVANT_DOXORUBICIN = therapy("doxorubicin", "adjuvant", "2022-03-01", "2022-05-10")


def test_later_metastatic_treatment_means_the_disease_came_back() -> None:
    later = therapy("docetaxel", "metastatic", "2025-09-01", "2026-02-15", progression="2026-04-20")
    for fn in (fail, resist):
        r = fn(ANTH, ADJUVANT_DOXORUBICIN, later)
        assert r.value is None
        assert r.missing == ("prior_therapies[0].progression_date",)
        assert (
            "metastatic treatment with docetaxel began after doxorubicin ended, so the disease "
            "must have come back; the date is not recorded"
        ) in r.explanation
    # once the date is given, it decides: 2023-01-01 is more than 6 months after the last dose
    dated = {**ADJUVANT_DOXORUBICIN, "progression_date": "2023-01-01"}
    assert fail(ANTH, dated, later).value is True
    assert resist(ANTH, dated, later).value is False


@pytest.mark.parametrize(
    ("later", "value"),
    [
        # later, adjuvant: nothing implied
        (therapy("paclitaxel", "adjuvant", "2022-05-24", "2022-08-10"), False),
        # later, setting not documented: it may have been metastatic treatment
        (therapy("paclitaxel", None, "2022-05-24", "2022-08-10"), None),
        # start not documented: it may have come later
        (therapy("paclitaxel", "metastatic", None, None), None),
        # start not documented, but its last dose was before doxorubicin ended: not later
        (therapy("paclitaxel", "metastatic", None, "2022-04-01"), False),
        # start not documented, progression before doxorubicin ended: began before it too
        (therapy("paclitaxel", None, None, None, progression="2022-05-01"), False),
        # concurrent (started before doxorubicin's last dose), metastatic: not "later"
        (therapy("trastuzumab", "metastatic", "2022-03-01", "2022-05-10"), False),
        # started on the day of doxorubicin's last dose: not after it
        (therapy("paclitaxel", "metastatic", "2022-05-10", "2022-08-10"), False),
        # the day after: later
        (therapy("paclitaxel", "metastatic", "2022-05-11", "2022-08-10"), None),
    ],
)
def test_which_later_regimens_imply_a_recurrence(later: dict[str, Any], value: bool | None) -> None:
    for fn in (fail, resist):
        r = fn(ANTH, ADJUVANT_DOXORUBICIN, later)
        assert r.value is value, (fn, r)
        assert r.missing == (() if value is False else ("prior_therapies[0].progression_date",))


def test_an_ongoing_regimen_is_never_inferred_to_have_failed() -> None:
    ongoing = therapy("doxorubicin", "metastatic", "2026-01-01", None)
    later = therapy("capecitabine", "metastatic", "2026-05-01", None)
    assert fail(ANTH, ongoing, later).value is False


def test_implied_recurrence_also_asks_whether_it_progressed_during_therapy() -> None:
    doubtful = {**ADJUVANT_DOXORUBICIN, "progressed_on_therapy": None}
    later = therapy("docetaxel", "metastatic", "2025-09-01", "2026-02-15")
    r = fail(ANTH, doubtful, later)
    assert r.value is None
    assert r.missing == (
        "prior_therapies[0].progression_date",
        "prior_therapies[0].progressed_on_therapy",
    )
