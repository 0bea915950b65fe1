"""ING-CC-0090 version 2022-02-25: every clause met, not met and not documented; every threshold.

The base is the case-format example: metastatic breast cancer, capecitabine after two
lines, normal counts and liver tests; it meets clause I and II.B.
"""

from __future__ import annotations

from typing import Any

import pytest
from domain_helpers import ING, bcbst_trastuzumab, changed, example, run, therapy

from ixreview.domain.evaluation import Evaluation, Outcome, Truth

MET, NOT_MET, UNKNOWN = Truth.MET, Truth.NOT_MET, Truth.UNKNOWN
MEETS, DENY, INFO = Outcome.MEETS, Outcome.DOES_NOT_MEET, Outcome.NEEDS_INFORMATION


def ing(base: dict[str, Any] | None = None, **changes: Any) -> Evaluation:
    return run(ING, base, **changes)


def status(ev: Evaluation, clause_id: str) -> Truth:
    return ev.clause(clause_id).status


def trastuzumab(**changes: Any) -> dict[str, Any]:
    """HER2-positive, HR-positive metastatic disease, with trastuzumab; taxane resistant."""
    return changed(bcbst_trastuzumab(), changes)


def test_the_example_meets_clause_i_and_ii_b() -> None:
    ev = ing()
    assert ev.outcome == MEETS and ev.missing == []
    assert {c.id: c.status for c in ev.clauses} == {
        "I": MET,
        "II": MET,
        "II.A": NOT_MET,
        "II.B": MET,
        "II.C": NOT_MET,
        "II.D": NOT_MET,
        "II.D.1": NOT_MET,
        "II.D.2": MET,
        "NA.I": NOT_MET,
        "NA.II": NOT_MET,
        "NA.III": NOT_MET,
    }
    assert ev.summary == "The request meets the criteria of ING-CC-0090 version 2022-02-25."


# -- clause I --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "expected", "outcome"),
    [
        ({"diagnosis.extent": "metastatic"}, MET, MEETS),
        ({"diagnosis.extent": "locally_advanced"}, MET, MEETS),
        ({"diagnosis.extent": "early"}, NOT_MET, DENY),
        # an unresectable local recurrence is locally advanced disease (policy note)
        ({"diagnosis.extent": "recurrent_unresectable"}, MET, MEETS),
        # a resectable local recurrence counts only with trastuzumab (II.D); this is capecitabine
        ({"diagnosis.extent": "locally_recurrent"}, NOT_MET, DENY),
        ({"diagnosis.icd10_codes": ["C79.51", "Z17.0"]}, NOT_MET, DENY),
        ({"diagnosis.extent": None}, UNKNOWN, INFO),
        ({"diagnosis.icd10_codes": None}, UNKNOWN, INFO),
        ({"diagnosis.icd10_codes": []}, UNKNOWN, INFO),
    ],
)
def test_clause_i(changes: dict[str, Any], expected: Truth, outcome: Outcome) -> None:
    ev = ing(**changes)
    assert status(ev, "I") == expected
    assert ev.outcome == outcome
    # NA.III ("the above criteria are not met") mirrors it
    assert status(ev, "NA.III") == {MET: NOT_MET, NOT_MET: MET, UNKNOWN: UNKNOWN}[expected]


def test_clause_i_unknown_lists_exactly_the_missing_fields() -> None:
    assert ing(**{"diagnosis.extent": None}).missing == ["diagnosis.extent"]
    assert ing(**{"diagnosis.icd10_codes": None}).missing == ["diagnosis.icd10_codes"]
    ev = ing(**{"diagnosis.extent": None})
    assert ev.summary == (
        "Information is needed to decide under ING-CC-0090 version 2022-02-25: diagnosis.extent."
    )


@pytest.mark.parametrize("code", ["C79.81", "Z85.3"])
def test_secondary_or_history_code_alone_needs_the_reviewers_confirmation(code: str) -> None:
    ev = ing(**{"diagnosis.icd10_codes": [code]})
    assert status(ev, "I") == UNKNOWN
    assert (ev.outcome, ev.missing) == (INFO, ["diagnosis.breast_cancer_confirmed"])
    assert "alone does not establish a current breast cancer; the reviewer must confirm it" in (
        ev.clause("I").reason
    )
    confirmed = ing(**{"diagnosis.icd10_codes": [code], "diagnosis.breast_cancer_confirmed": True})
    assert confirmed.outcome == MEETS
    refused = ing(**{"diagnosis.icd10_codes": [code], "diagnosis.breast_cancer_confirmed": False})
    assert (status(refused, "I"), refused.outcome) == (NOT_MET, DENY)
    # with a C50 code the confirmation is not needed
    assert ing(**{"diagnosis.icd10_codes": [code, "C50.911"]}).outcome == MEETS


# -- clause II.A / II.B: lines of therapy ------------------------------------------------


@pytest.mark.parametrize(
    ("regimen", "clause", "other"),
    [("monotherapy", "II.A", "II.B"), ("with_capecitabine", "II.B", "II.A")],
)
@pytest.mark.parametrize(
    ("lines", "expected", "outcome"),
    [
        (2, MET, MEETS),
        (3, MET, MEETS),
        (1, NOT_MET, DENY),
        (0, NOT_MET, DENY),
        (None, UNKNOWN, INFO),
    ],
)
def test_two_prior_lines(
    regimen: str, clause: str, other: str, lines: int | None, expected: Truth, outcome: Outcome
) -> None:
    ev = ing(**{"medication.regimen": regimen, "prior_lines_of_therapy": lines})
    assert (status(ev, clause), status(ev, other), status(ev, "II")) == (
        expected,
        NOT_MET,
        expected,
    )
    assert ev.outcome == outcome
    if outcome == INFO:
        assert ev.missing == ["prior_lines_of_therapy"]


def test_lines_reason_names_the_value_and_threshold() -> None:
    # a clause that is not met names only what fails it
    assert ing(prior_lines_of_therapy=1).clause("II.B").reason == (
        "1 prior line(s) of therapy; at least 2 lines required."
    )
    assert ing().clause("II.B").reason == (
        "Requested regimen: with capecitabine; 2 prior line(s) of therapy; "
        "at least 2 lines required."
    )


def test_regimen_not_documented() -> None:
    ev = ing(**{"medication.regimen": None})
    assert ev.outcome == INFO
    assert ev.missing == ["medication.regimen"]
    assert all(status(ev, c) == UNKNOWN for c in ("II.A", "II.B", "II.C", "II"))
    # II.D is settled without the regimen: the disease is HER2-negative
    assert status(ev, "II.D") == NOT_MET


# -- clause II.C: trastuzumab and taxane resistance ---------------------------------------


def test_ii_c_met_with_taxane_resistance() -> None:
    ev = ing(trastuzumab(**{"biomarkers.her2": "negative"}))
    assert (status(ev, "II.C"), status(ev, "II.D"), ev.outcome) == (MET, NOT_MET, MEETS)
    assert "within 4 months (window ends 2026-06-15)" in ev.clause("II.C").reason


@pytest.mark.parametrize(
    ("progression", "expected"), [("2026-06-15", MET), ("2026-06-16", NOT_MET)]
)
def test_ii_c_on_the_last_day_of_the_window_and_after(progression: str, expected: Truth) -> None:
    ev = ing(
        trastuzumab(
            **{"biomarkers.her2": "negative", "prior_therapies.1.progression_date": progression}
        )
    )
    assert status(ev, "II.C") == expected
    assert ev.outcome == (MEETS if expected == MET else DENY)


def test_ii_c_unknown_when_the_setting_decides() -> None:
    base = trastuzumab(
        **{
            "biomarkers.her2": "negative",
            "prior_therapies.1.setting": None,
            "prior_therapies.1.progression_date": "2026-09-01",  # past 4 months, within 12
        }
    )
    ev = ing(base)
    assert status(ev, "II.C") == UNKNOWN
    assert (ev.outcome, ev.missing) == (INFO, ["prior_therapies[1].setting"])
    assert ing(changed(base, {"prior_therapies.1.setting": "adjuvant"})).outcome == MEETS
    assert ing(changed(base, {"prior_therapies.1.setting": "metastatic"})).outcome == DENY


def test_ii_c_not_met_without_trastuzumab() -> None:
    ev = ing()  # capecitabine; the docetaxel history is taxane resistant
    assert status(ev, "II.C") == NOT_MET


# -- clause II.D: HER2-positive, locally recurrent or metastatic ---------------------------


@pytest.mark.parametrize(
    ("regimen", "clause_i", "outcome"),
    [
        ("with_trastuzumab", MET, MEETS),  # II.D's locally recurrent disease is honoured
        ("with_capecitabine", NOT_MET, DENY),
        ("monotherapy", NOT_MET, DENY),
        (None, UNKNOWN, INFO),
    ],
)
def test_locally_recurrent_disease_meets_clause_i_only_with_trastuzumab(
    regimen: str | None, clause_i: Truth, outcome: Outcome
) -> None:
    ev = ing(
        trastuzumab(
            **{
                **NOT_RESISTANT_CHANGES,
                "diagnosis.extent": "locally_recurrent",
                "medication.regimen": regimen,
            }
        )
    )
    assert status(ev, "I") == clause_i
    assert ev.outcome == outcome
    if regimen == "with_trastuzumab":
        assert status(ev, "II.D") == MET
    if regimen is None:
        assert "medication.regimen" in ev.missing


NOT_RESISTANT_CHANGES = {"prior_therapies.1.progression_date": "2026-12-01"}

NOT_RESISTANT = {
    "prior_therapies.1.progression_date": "2026-12-01",
    "labs.collected_on": "2026-11-12",
}


def ii_d(**changes: Any) -> Evaluation:
    # taxane resistance removed, so II.D alone decides
    return ing(trastuzumab(**{**NOT_RESISTANT, **changes}))


def test_ii_d_met_and_alone_decides() -> None:
    ev = ii_d()
    assert (status(ev, "II.C"), status(ev, "II.D"), status(ev, "II.D.2")) == (NOT_MET, MET, MET)
    assert ev.outcome == MEETS


@pytest.mark.parametrize(
    ("changes", "d", "d1", "d2", "outcome", "missing"),
    [
        ({"biomarkers.hormone_receptor": "negative"}, MET, MET, NOT_MET, MEETS, []),
        (
            {"biomarkers.hormone_receptor": "positive", "biomarkers.on_endocrine_therapy": True},
            MET,
            NOT_MET,
            MET,
            MEETS,
            [],
        ),
        (
            {"biomarkers.hormone_receptor": None},
            UNKNOWN,
            UNKNOWN,
            UNKNOWN,
            INFO,
            ["biomarkers.hormone_receptor"],
        ),
        (
            {"biomarkers.hormone_receptor": "unknown"},
            UNKNOWN,
            UNKNOWN,
            UNKNOWN,
            INFO,
            ["biomarkers.hormone_receptor"],
        ),
        ({"biomarkers.her2": "negative"}, NOT_MET, NOT_MET, MET, DENY, []),
        ({"biomarkers.her2": None}, UNKNOWN, NOT_MET, MET, INFO, ["biomarkers.her2"]),
        ({"biomarkers.her2": "unknown"}, UNKNOWN, NOT_MET, MET, INFO, ["biomarkers.her2"]),
        # locally advanced passes clause I but is not "locally recurrent or metastatic"
        ({"diagnosis.extent": "locally_advanced"}, NOT_MET, NOT_MET, MET, DENY, []),
        # "locally recurrent" includes a recurrence that cannot be resected
        ({"diagnosis.extent": "recurrent_unresectable"}, MET, NOT_MET, MET, MEETS, []),
        ({"diagnosis.extent": "locally_recurrent"}, MET, NOT_MET, MET, MEETS, []),
        ({"diagnosis.extent": "early"}, NOT_MET, NOT_MET, MET, DENY, []),
    ],
)
def test_ii_d_both_sides(
    changes: dict[str, Any], d: Truth, d1: Truth, d2: Truth, outcome: Outcome, missing: list[str]
) -> None:
    ev = ii_d(**changes)
    assert (status(ev, "II.D"), status(ev, "II.D.1"), status(ev, "II.D.2")) == (d, d1, d2)
    assert (ev.outcome, ev.missing) == (outcome, missing)


def test_ii_d_does_not_need_the_her2_report_on_file() -> None:
    assert ii_d(**{"biomarkers.her2_test_on_file": False}).outcome == MEETS


# -- may not be approved: I (counts) -----------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"labs.anc_per_mm3": 1499}, MET),
        ({"labs.anc_per_mm3": 1499.99}, MET),
        ({"labs.anc_per_mm3": 1500}, NOT_MET),
        ({"labs.platelets_per_mm3": 99_999}, MET),
        ({"labs.platelets_per_mm3": 100_000}, NOT_MET),
        ({"labs.anc_per_mm3": None}, UNKNOWN),
        ({"labs.platelets_per_mm3": None}, UNKNOWN),
    ],
)
def test_na_i_counts_at_the_boundary(changes: dict[str, Any], expected: Truth) -> None:
    ev = ing(**changes)
    assert status(ev, "NA.I") == expected
    assert ev.outcome == {MET: DENY, NOT_MET: MEETS, UNKNOWN: INFO}[expected]
    if expected == UNKNOWN:
        assert ev.missing == list(changes)


def test_na_i_reason_names_values_and_limits() -> None:
    assert ing(**{"labs.anc_per_mm3": 1499}).clause("NA.I").reason == (
        "Baseline neutrophil count 1,499 cells/mm³; the limit is 1,500 cells/mm³."
    )


def test_a_met_exclusion_overrides_approval() -> None:
    ev = ing(**{"labs.platelets_per_mm3": 99_999})
    assert (status(ev, "I"), status(ev, "II"), status(ev, "NA.I")) == (MET, MET, MET)
    assert ev.outcome == DENY and ev.authorization is None
    assert [c.id for c in ev.met_exclusions()] == ["NA.I"]


def test_a_met_exclusion_decides_even_with_other_facts_missing() -> None:
    ev = ing(
        **{
            "labs.anc_per_mm3": 900,
            "diagnosis.extent": None,
            "prior_lines_of_therapy": None,
            "medication.regimen": None,
            "labs.platelets_per_mm3": None,
        }
    )
    assert (ev.outcome, ev.missing) == (DENY, [])
    assert status(ev, "I") == UNKNOWN  # shown as not documented, yet cannot change the outcome


# -- may not be approved: II (capecitabine with hepatic impairment) ----------------------------


@pytest.mark.parametrize(
    ("labs", "expected"),
    [
        ({"ast_u_l": 100, "ast_uln": 40}, NOT_MET),  # exactly 2.5 × ULN
        ({"ast_u_l": 100.01, "ast_uln": 40}, MET),
        ({"ast_u_l": 112.5, "ast_uln": 45}, NOT_MET),
        ({"ast_u_l": 112.51, "ast_uln": 45}, MET),
        ({"alt_u_l": 100, "alt_uln": 40}, NOT_MET),
        ({"alt_u_l": 100.01, "alt_uln": 40}, MET),
        ({"alt_u_l": 112.5, "alt_uln": 45}, NOT_MET),
        ({"alt_u_l": 112.51, "alt_uln": 45}, MET),
        ({"bilirubin_mg_dl": 1.2, "bilirubin_uln": 1.2}, NOT_MET),  # exactly 1 × ULN
        ({"bilirubin_mg_dl": 1.21, "bilirubin_uln": 1.2}, MET),
        ({"bilirubin_mg_dl": 1.0, "bilirubin_uln": 1.0}, NOT_MET),
        ({"bilirubin_mg_dl": 1.01, "bilirubin_uln": 1.0}, MET),
        ({"ast_u_l": None}, UNKNOWN),
        ({"alt_uln": None}, UNKNOWN),
        ({"bilirubin_mg_dl": None}, UNKNOWN),
    ],
)
def test_na_ii_hepatic_thresholds(labs: dict[str, Any], expected: Truth) -> None:
    ev = ing(**{f"labs.{k}": v for k, v in labs.items()})
    assert status(ev, "NA.II") == expected
    assert ev.outcome == {MET: DENY, NOT_MET: MEETS, UNKNOWN: INFO}[expected]
    if expected == UNKNOWN:
        assert ev.missing == [f"labs.{next(iter(labs))}"]


def test_na_ii_reasons_name_the_ratio_and_limit() -> None:
    assert ing(**{"labs.ast_u_l": 105}).clause("NA.II").reason == (
        "Requested regimen: with capecitabine; AST 105 U/L is 2.63 × the upper limit of normal "
        "(40 U/L); the limit is 2.5 ×."
    )
    # just above the limit reads above it, never "2.50"
    assert "AST 100.01 U/L is 2.5003 × the upper limit of normal (40 U/L); the limit is 2.5 ×" in (
        ing(**{"labs.ast_u_l": 100.01}).clause("NA.II").reason
    )
    assert "Total bilirubin 1.21 mg/dL is 1.01 × the upper limit of normal (1.2 mg/dL)" in (
        ing(**{"labs.bilirubin_mg_dl": 1.21}).clause("NA.II").reason
    )


def test_na_ii_applies_only_with_capecitabine() -> None:
    high = {"medication.regimen": "monotherapy", "labs.ast_u_l": 400}
    ev = ing(**high)
    assert (status(ev, "NA.II"), ev.outcome) == (NOT_MET, MEETS)
    # and with the regimen unknown the liver tests make it undecidable
    unknown = ing(**{**high, "medication.regimen": None})
    assert status(unknown, "NA.II") == UNKNOWN and unknown.outcome == INFO
    assert unknown.missing == ["medication.regimen"]
    # normal liver tests settle NA.II whatever the regimen
    assert status(ing(**{"medication.regimen": None}), "NA.II") == NOT_MET


# -- continuation and request type ---------------------------------------------------------


def test_continuation_is_reviewed_against_the_initial_criteria() -> None:
    cont = changed(
        example(),
        {
            "request_type": "continuation",
            "continuation": {
                "prior_authorization": "A-1",
                "unacceptable_toxicity": True,
                "disease_progression": True,
            },
        },
    )
    ev = ing(cont)
    initial = ing()
    assert ev.outcome == MEETS
    assert [(c.id, c.status, c.reason) for c in ev.clauses] == [
        (c.id, c.status, c.reason) for c in initial.clauses
    ]
    assert ing(cont, **{"labs.anc_per_mm3": 1000}).outcome == DENY


def test_request_type_unknown_does_not_matter_under_one_set_of_criteria() -> None:
    assert ing(request_type=None).outcome == MEETS
    ev = ing(request_type=None, **{"diagnosis.extent": None})
    assert (ev.outcome, ev.missing) == (INFO, ["diagnosis.extent"])


def test_missing_facts_that_cannot_change_the_outcome_are_not_asked_for() -> None:
    ev = ing(
        **{
            "biomarkers.her2": None,
            "biomarkers.hormone_receptor": None,
            "biomarkers.her2_test_on_file": None,
            "anthracycline_contraindicated": None,
            "prior_therapies": None,
            "diagnosis.no_response_to_preoperative_therapy": None,
            "urgency": None,
            "member": None,
        }
    )
    assert (ev.outcome, ev.missing) == (MEETS, [])


def test_several_missing_fields_are_listed_sorted() -> None:
    ev = ing(**{"labs.anc_per_mm3": None, "labs.platelets_per_mm3": None, "diagnosis.extent": None})
    assert ev.outcome == INFO
    assert ev.missing == ["diagnosis.extent", "labs.anc_per_mm3", "labs.platelets_per_mm3"]
    assert ev.clause("NA.I").missing == ["labs.anc_per_mm3", "labs.platelets_per_mm3"]


def test_history_not_documented_under_trastuzumab() -> None:
    ev = ing(trastuzumab(**{"biomarkers.her2": "negative", "prior_therapies": None}))
    assert (ev.outcome, ev.missing) == (INFO, ["prior_therapies"])
    assert status(ev, "II.C") == UNKNOWN
    assert ing(trastuzumab(**{"prior_therapies": None})).outcome == MEETS  # II.D suffices


def test_taxane_history_with_unknown_class_agent() -> None:
    base = trastuzumab(
        **{
            "biomarkers.her2": "negative",
            "prior_therapies": [
                therapy(
                    "cabazitaxel", "metastatic", "2025-01-01", "2025-06-01", on=True, cls="taxane"
                )
            ],
        }
    )
    assert status(ing(base), "II.C") == MET
