"""Review flags: what sends a request to a physician even when the criteria are met.

Each flag is tested at its boundary and one step past it. Flags never change the
outcome; they are in `Evaluation.review_flags` (and the --json output).
"""

from __future__ import annotations

from typing import Any

import pytest
from domain_helpers import (
    BCBST,
    DRAFT,
    ING,
    bcbst_capecitabine,
    bcbst_monotherapy,
    bcbst_trastuzumab,
    changed,
    continuation_of,
    example,
    run,
    therapy,
)

from ixreview.domain.evaluation import Outcome, Truth


def flags(policy: str = ING, base: dict[str, Any] | None = None, **changes: Any) -> list[str]:
    return run(policy, base, **changes).review_flags


def test_the_example_raises_no_flag() -> None:
    for policy in (ING, BCBST, DRAFT):
        assert flags(policy) == []
    assert run(ING).to_json_dict()["review_flags"] == []


@pytest.mark.parametrize(("dose", "flagged"), [(40, False), (40.1, True)])
def test_dose_above_40_mg_per_m2(dose: float, flagged: bool) -> None:
    ev = run(ING, **{"medication.dose_mg_per_m2": dose})
    assert ev.outcome == Outcome.MEETS  # a flag never changes the outcome
    expected = [
        "The requested dose of 40.1 mg/m² is above the label dose of 40 mg/m²; "
        "a physician must review the dosing."
    ]
    assert ev.review_flags == (expected if flagged else [])


@pytest.mark.parametrize(("interval", "flagged"), [(21, False), (20, True), (28, False)])
def test_interval_under_21_days(interval: int, flagged: bool) -> None:
    ev = run(ING, **{"medication.interval_days": interval})
    flag = (
        "Doses are requested every 20 days, more often than the label's every 3 weeks "
        "(21 days); a physician must review the schedule."
    )
    warning = (
        "The requested interval of 20 days is shorter than the label's every 3 weeks (21 days)."
    )
    assert ev.review_flags == ([flag] if flagged else [])
    assert (warning in ev.warnings) is flagged


@pytest.mark.parametrize(
    ("bsa", "dose", "units"),
    [
        (2.2, 40, 88),  # 88 mg: at the cap
        (2.3, 40, 88),  # 92 mg on the actual area; the label caps the area: 88 mg authorized
        (2.75, 32, 71),  # 70.4 mg on the capped area
        (2.3, 38.3, 85),  # 84.26 mg on the capped area
    ],
)
def test_a_bsa_above_2_2_authorizes_the_capped_dose_without_a_flag(
    bsa: float, dose: float, units: int
) -> None:
    """The label caps the body surface area at 2.2 m²: the authorization is worked out on
    the capped area, so a label dose needs no physician (sample PA-2026-005117)."""
    ev = run(ING, **{"medication.bsa_m2": bsa, "medication.dose_mg_per_m2": dose})
    assert not [f for f in ev.review_flags if "body surface area" in f]
    assert ev.authorization is not None and ev.authorization.units_per_dose == units
    if bsa > 2.2:
        assert f"Body surface area {bsa:g} m² is capped at 2.2 m² for dosing (label)." in (
            ev.warnings
        )


def test_a_dose_above_the_label_is_flagged_whatever_the_area() -> None:
    ev = run(ING, **{"medication.bsa_m2": 2.3, "medication.dose_mg_per_m2": 45})
    assert [f for f in ev.review_flags if "above the label dose of 40 mg/m²" in f]


def test_monotherapy_hepatic_dose_warning_is_a_flag() -> None:
    ev = run(BCBST, bcbst_monotherapy(), **{"labs.ast_u_l": 101})  # 2.525 × ULN
    assert ev.outcome == Outcome.MEETS
    assert ev.review_flags == [
        "Monotherapy with hepatic impairment: the label reduces the dose to 32 mg/m²; 40 mg/m² "
        "is requested. A physician must review the dose for the member's liver function."
    ]
    assert run(BCBST, bcbst_monotherapy(), **{"labs.ast_u_l": 100}).review_flags == []


def test_trastuzumab_with_her2_negative_disease() -> None:
    # ING II.C is met by taxane resistance alone, whatever the HER2 status
    data = changed(example(), {"medication.regimen": "with_trastuzumab"})
    ev = run(ING, data)
    assert ev.outcome == Outcome.MEETS and ev.clause("II.C").status == Truth.MET
    assert len(ev.review_flags) == 1
    assert ev.review_flags[0].startswith(
        "Ixempra is requested with trastuzumab although the human epidermal growth factor "
        "receptor 2 (HER2) status is negative"
    )
    for her2 in ("positive", "unknown", None):
        assert run(ING, data, **{"biomarkers.her2": her2}).review_flags == []
    assert run(ING, **{"medication.regimen": "with_capecitabine"}).review_flags == []


@pytest.mark.parametrize(
    ("toxicity", "progression", "reported"),
    [
        (False, True, "disease progression"),
        (True, False, "unacceptable toxicity"),
        (True, True, "disease progression and unacceptable toxicity"),
        (False, False, None),
        (None, None, None),
    ],
)
def test_continuation_facts_a_policy_cannot_judge(
    toxicity: bool | None, progression: bool | None, reported: str | None
) -> None:
    ev = run(ING, continuation_of(example(), toxicity, progression))
    expected = (
        [
            f"This continuation request reports {reported} on the current regimen, which "
            "ING-CC-0090 has no continuation criteria to judge; a physician must review whether "
            "treatment should continue."
        ]
        if reported
        else []
    )
    assert ev.review_flags == expected
    # BCBST judges them in its continuation clause: no flag, the clause decides
    bcbst = run(BCBST, continuation_of(bcbst_monotherapy(), toxicity, progression))
    assert bcbst.review_flags == []


# -- Cremophor EL hypersensitivity (label contraindication) ---------------------------------


@pytest.mark.parametrize("policy", [BCBST, DRAFT])
@pytest.mark.parametrize(
    "base", [bcbst_monotherapy, bcbst_trastuzumab, bcbst_capecitabine], ids=["cc1", "cc2", "cc3"]
)
def test_cremophor_hypersensitivity_is_a_bcbst_exclusion(policy: str, base: Any) -> None:
    ev = run(policy, base(), cremophor_hypersensitivity=True)
    assert ev.clause("EX").status == Truth.MET
    assert ev.outcome == Outcome.DOES_NOT_MEET
    assert ev.clause("EX").reason.startswith(
        "Severe hypersensitivity to Cremophor EL (polyoxyethylated castor oil) is reported"
    )
    assert ev.review_flags == []  # the policy itself decides it
    for value in (False, None):  # false: none; null: none reported
        assert run(policy, base(), cremophor_hypersensitivity=value).outcome == Outcome.MEETS


def test_cremophor_hypersensitivity_overrides_continuation_too() -> None:
    ev = run(BCBST, continuation_of(bcbst_monotherapy()), cremophor_hypersensitivity=True)
    assert ev.outcome == Outcome.DOES_NOT_MEET


def test_cremophor_hypersensitivity_is_an_ing_review_flag() -> None:
    ev = run(ING, cremophor_hypersensitivity=True)
    assert ev.outcome == Outcome.MEETS  # ING-CC-0090 does not list it
    assert ev.review_flags == [
        "Severe hypersensitivity to Cremophor EL (polyoxyethylated castor oil) is reported, a "
        "contraindication on the Ixempra label that this policy does not address; a physician "
        "must review the request."
    ]
    assert run(ING, cremophor_hypersensitivity=False).review_flags == []


def test_cremophor_is_an_optional_boolean_field() -> None:
    from domain_helpers import case

    assert case().cremophor_hypersensitivity is None
    assert case(cremophor_hypersensitivity=True).cremophor_hypersensitivity is True


# -- the authorization period against the date of receipt -----------------------------------


@pytest.mark.parametrize(
    ("start", "over", "far_back"),
    [
        ("2026-05-20", False, True),  # ING 6 months: ends 2026-11-19, the day of receipt
        ("2026-05-19", True, False),  # ends 2026-11-18: over before receipt
        ("2026-08-21", False, False),  # 90 days before receipt
        ("2026-08-20", False, True),  # 91 days
        ("2026-12-01", False, False),
    ],
)
def test_period_already_over_or_starting_long_before_receipt(
    start: str, over: bool, far_back: bool
) -> None:
    ev = run(ING, **{"medication.requested_start": start})
    over_warning = [w for w in ev.warnings if "already over" in w]
    back_warning = [w for w in ev.warnings if "more than 90 days" in w]
    assert bool(over_warning) is over
    assert bool(back_warning) is far_back
    assert any("authorization period would be over" in f for f in ev.review_flags) is over
    if over:
        assert over_warning == [
            "The authorization period of 6 months from the requested start 2026-05-19 would end "
            "on 2026-11-18, before the request was received (2026-11-19): the whole period is "
            "already over."
        ]
    if start == "2026-08-20":
        assert back_warning == [
            "The requested start 2026-08-20 is 91 days before the request was received "
            "(2026-11-19), more than 90 days."
        ]


def test_the_period_follows_the_policy_months() -> None:
    # BCBST authorizes 12 months: a start 7 months back is not over
    ev = run(BCBST, bcbst_monotherapy(), **{"medication.requested_start": "2026-04-19"})
    assert not any("already over" in w for w in ev.warnings)
    assert any("more than 90 days" in w for w in ev.warnings)
    ev = run(BCBST, bcbst_monotherapy(), **{"medication.requested_start": "2025-11-18"})
    assert any("already over" in w for w in ev.warnings)


def test_no_requested_start_no_period_doubt() -> None:
    assert flags(**{"medication.requested_start": None}) == []


def test_flags_in_a_denied_case_are_still_listed() -> None:
    t = therapy("docetaxel", "metastatic", "2025-09-01", "2026-02-15", progression="2026-04-20")
    ev = run(ING, prior_therapies=[t], **{"medication.dose_mg_per_m2": 45, "labs.anc_per_mm3": 900})
    assert ev.outcome == Outcome.DOES_NOT_MEET
    assert any("45 mg/m²" in f for f in ev.review_flags)
