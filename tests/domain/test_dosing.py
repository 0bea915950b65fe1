"""J9207 units (1 unit = 1 mg, BSA capped at 2.2 m², rounded up) and label dosing warnings."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from domain_helpers import BCBST, ING, bcbst_monotherapy, case, run

from ixreview.domain.dosing import (
    authorized_units,
    doses_in_period,
    label_warnings,
    missing_dosing_fields,
    period_end,
    units_per_dose,
)
from ixreview.domain.engine import evaluate
from ixreview.domain.evaluation import Outcome


@pytest.mark.parametrize(
    ("dose", "bsa", "units", "capped"),
    [
        (40, 1.86, 75, "1.86"),  # 74.4 -> 75
        (40, 2.5, 88, "2.2"),  # capped at 2.2 m²
        (40, 2.2, 88, "2.2"),
        (40, 1.1, 44, "1.1"),  # exactly 44: no binary-float round-up to 45
        (32, 1.75, 56, "1.75"),
        (30, 1.7, 51, "1.7"),
        (20, 1.01, 21, "1.01"),  # 20.2 -> 21
        (40, 0.9, 36, "0.9"),
    ],
)
def test_units_per_dose(dose: float, bsa: float, units: int, capped: str) -> None:
    assert units_per_dose(dose, bsa) == (units, Decimal(capped))


def test_period_and_doses() -> None:
    start = date(2026, 12, 1)
    end = period_end(start, 12)
    assert end == date(2027, 11, 30)
    assert doses_in_period(start, end, 21) == 18  # days 0, 21, ..., 357
    assert doses_in_period(start, period_end(start, 6), 21) == 9
    assert doses_in_period(start, start, 21) == 1
    assert doses_in_period(date(2026, 1, 1), date(2026, 1, 22), 21) == 2  # the 22nd is day 21


def test_authorized_units_from_the_case() -> None:
    units = authorized_units(case(), 12)
    assert units is not None
    assert (units.start, units.end, units.units_per_dose, units.doses, units.units_total) == (
        date(2026, 12, 1),
        date(2027, 11, 30),
        75,
        18,
        1350,
    )
    # without a requested start, the period starts on the day the request was received
    no_start = authorized_units(case(**{"medication.requested_start": None}), 12)
    assert no_start is not None and no_start.start == date(2026, 11, 19)


def test_units_need_dose_bsa_and_interval() -> None:
    c = case(**{"medication.bsa_m2": None, "medication.interval_days": None})
    assert authorized_units(c, 12) is None
    assert missing_dosing_fields(c) == ["medication.bsa_m2", "medication.interval_days"]


def test_authorization_in_the_evaluation() -> None:
    bcbst = run(BCBST, bcbst_monotherapy())
    assert bcbst.authorization is not None
    assert (bcbst.authorization.months, bcbst.authorization.units_per_dose) == (12, 75)
    assert (bcbst.authorization.doses, bcbst.authorization.units_total) == (18, 1350)
    assert bcbst.authorization.end == "2027-11-30"
    ing = run(ING)
    assert ing.authorization is not None
    # ING-CC-0090 states no duration: the default setting decides (6 months).
    assert (ing.authorization.months, ing.authorization.doses, ing.authorization.units_total) == (
        6,
        9,
        675,
    )
    three = evaluate(case(), ING, default_months=3)
    assert three.authorization is not None and three.authorization.months == 3
    assert three.authorization.end == "2027-02-28"
    # The BCBST period is the policy's, not the setting's.
    assert evaluate(case(bcbst_monotherapy()), BCBST, default_months=3).authorization.months == 12  # type: ignore[union-attr]


def test_approval_without_dosing_says_units_cannot_be_computed() -> None:
    ev = run(ING, **{"medication.dose_mg_per_m2": None})
    assert ev.outcome == Outcome.MEETS
    assert ev.authorization is None
    assert (
        "Authorized units cannot be computed: medication.dose_mg_per_m2 not documented."
        in ev.warnings
    )


def test_capped_bsa_is_reported() -> None:
    ev = run(ING, **{"medication.bsa_m2": 2.5})
    assert ev.authorization is not None
    assert (ev.authorization.units_per_dose, ev.authorization.capped_bsa_m2) == (88, 2.2)
    assert "Body surface area 2.5 m² is capped at 2.2 m² for dosing (label)." in ev.warnings


def hepatic(dose: float, regimen: str = "monotherapy", **labs: Any) -> list[str]:
    changes = {"medication.regimen": regimen, "medication.dose_mg_per_m2": dose}
    changes.update({f"labs.{k}": v for k, v in labs.items()})
    return label_warnings(case(**changes))


REDUCE_32 = (
    "Monotherapy with hepatic impairment: the label reduces the dose to 32 mg/m²; "
    "40 mg/m² is requested."
)
NOT_RECOMMENDED = (
    "Monotherapy is not recommended by the label with AST or ALT above 10 × ULN or "
    "bilirubin above 3 × ULN."
)


def test_dose_above_label() -> None:
    assert hepatic(40) == []
    assert hepatic(40.5) == [
        "The requested dose of 40.5 mg/m² is above the label dose of 40 mg/m²."
    ]


@pytest.mark.parametrize(
    ("dose", "labs", "expected"),
    [
        # normal liver tests (AST/ALT <= 2.5 × and bilirubin <= 1 ×): the full dose
        (40, {"ast_u_l": 100, "ast_uln": 40}, []),
        (40, {"bilirubin_mg_dl": 1.2, "bilirubin_uln": 1.2}, []),
        # AST/ALT <= 10 × and bilirubin <= 1.5 ×: 32 mg/m²
        (40, {"ast_u_l": 101, "ast_uln": 40}, [REDUCE_32]),
        (40, {"alt_u_l": 450, "alt_uln": 45}, [REDUCE_32]),
        (40, {"bilirubin_mg_dl": 1.8, "bilirubin_uln": 1.2}, [REDUCE_32]),
        (32, {"ast_u_l": 101, "ast_uln": 40}, []),
        # bilirubin > 1.5 to 3 ×: 20-30 mg/m²
        (
            32,
            {"bilirubin_mg_dl": 1.81, "bilirubin_uln": 1.2},
            [
                "Monotherapy with hepatic impairment: the label reduces the dose to 20–30 mg/m²; "
                "32 mg/m² is requested."
            ],
        ),
        (30, {"bilirubin_mg_dl": 3.6, "bilirubin_uln": 1.2}, []),
        # beyond 10 × / 3 ×: not recommended
        (20, {"ast_u_l": 401, "ast_uln": 40}, [NOT_RECOMMENDED]),
        (20, {"bilirubin_mg_dl": 3.61, "bilirubin_uln": 1.2}, [NOT_RECOMMENDED]),
    ],
)
def test_monotherapy_hepatic_dose(dose: float, labs: dict[str, float], expected: list[str]) -> None:
    assert hepatic(dose, **labs) == expected


def test_hepatic_warning_is_for_monotherapy_only() -> None:
    # With capecitabine the policy itself excludes hepatic impairment; no label warning.
    assert hepatic(40, "with_capecitabine", ast_u_l=200, ast_uln=40) == []
    assert hepatic(40, "with_trastuzumab", ast_u_l=200, ast_uln=40) == []


def test_label_warnings_reach_the_evaluation() -> None:
    ev = run(BCBST, bcbst_monotherapy(), **{"labs.ast_u_l": 200})
    assert REDUCE_32 in ev.warnings
