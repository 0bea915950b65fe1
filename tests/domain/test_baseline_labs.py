"""Baseline labs must be current: collected no more than 30 days before receipt (a plan
setting, default 30).

An undated or older value is not a baseline for the label's limits, so the neutrophil,
platelet and liver facts are not documented (asking for `labs.collected_on`, i.e. new or
dated labs), whichever side of the limit the old value lies. Intake still warns.
"""

from __future__ import annotations

import pytest
from domain_helpers import ALL_VERSIONS, BCBST, DRAFT, ING, bcbst_monotherapy, run

from ixreview.domain.evaluation import Outcome, Truth

RECEIVED = "2026-11-19T09:30:00-06:00"  # the example's received_at
EXCLUSION = {ING: "NA.I", BCBST: "EX", DRAFT: "EX"}


def base(policy: str) -> dict[str, object]:
    return bcbst_monotherapy() if policy != ING else {}


@pytest.mark.parametrize("policy", ALL_VERSIONS)
@pytest.mark.parametrize(
    ("collected_on", "current"),
    [
        ("2026-10-20", True),  # 30 days before receipt: still a baseline
        ("2026-10-19", False),  # 31 days
        ("2026-11-19", True),  # the day of receipt
        (None, False),  # undated
    ],
)
def test_counts_older_than_30_days_are_not_documented(
    policy: str, collected_on: str | None, current: bool
) -> None:
    ev = run(policy, base(policy) or None, **{"labs.collected_on": collected_on})
    clause = ev.clause(EXCLUSION[policy])
    if current:
        assert ev.outcome == Outcome.MEETS
        assert clause.status == Truth.NOT_MET
        return
    assert clause.status == Truth.UNKNOWN
    assert (ev.outcome, ev.missing) == (Outcome.NEEDS_INFORMATION, ["labs.collected_on"])
    assert "is not a current baseline" in clause.reason
    assert "Baseline neutrophil count 2,400 cells/mm³ is not a current baseline" in clause.reason


def test_the_reason_names_the_dates() -> None:
    ev = run(ING, **{"labs.collected_on": "2026-10-19"})
    assert ev.clause("NA.I").reason.startswith(
        "Baseline neutrophil count 2,400 cells/mm³ is not a current baseline: the labs were "
        "collected on 2026-10-19, 31 days before the request was received (more than 30)"
    )
    undated = run(ING, **{"labs.collected_on": None})
    assert "the date the labs were collected is not documented" in undated.clause("NA.I").reason


def test_the_intake_warning_stays() -> None:
    ev = run(ING, **{"labs.collected_on": "2026-10-19"})
    assert any("31 days before the request was received" in w for w in ev.warnings)


def test_old_low_counts_do_not_deny_either() -> None:
    # 900 cells/mm³ a month and a half ago says nothing certain about today's baseline
    ev = run(ING, **{"labs.collected_on": "2026-10-01", "labs.anc_per_mm3": 900})
    assert (ev.outcome, ev.missing) == (Outcome.NEEDS_INFORMATION, ["labs.collected_on"])


def test_an_old_count_that_also_reads_as_a_unit_mistake_asks_for_both() -> None:
    ev = run(ING, **{"labs.collected_on": None, "labs.platelets_per_mm3": 150})
    assert ev.missing == ["labs.collected_on", "labs.platelets_per_mm3"]


def test_liver_values_are_baseline_labs_too() -> None:
    # An undated AST of 118 U/L neither denies nor clears the hepatic exclusion: the label's
    # limits are for the values before this cycle.
    ev = run(ING, **{"labs.collected_on": None, "labs.ast_u_l": 118})
    assert ev.clause("NA.II").status == Truth.UNKNOWN
    assert "AST 118 U/L is not a current baseline" in ev.clause("NA.II").reason
    assert (ev.outcome, ev.missing) == (Outcome.NEEDS_INFORMATION, ["labs.collected_on"])
    current = run(ING, **{"labs.ast_u_l": 118})
    assert current.clause("NA.II").status == Truth.MET
    assert current.outcome == Outcome.DOES_NOT_MEET


@pytest.mark.parametrize(("days", "current"), [(45, True), (30, False), (10, False)])
def test_the_age_limit_is_the_plans_setting(days: int, current: bool) -> None:
    ev = run(ING, lab_max_age_days=days, **{"labs.collected_on": "2026-10-09"})  # 41 days
    old_labs_warned = any("41 days before the request was received" in w for w in ev.warnings)
    assert old_labs_warned is not current  # the intake warning follows the same limit
    if current:
        assert ev.outcome == Outcome.MEETS
    else:
        assert (ev.outcome, ev.missing) == (Outcome.NEEDS_INFORMATION, ["labs.collected_on"])
        assert f"(more than {days})" in ev.clause("NA.I").reason
