"""BCBST Ixempra, in force and draft: every clause from both sides, unknowns, continuation.

Bases (tests/domain/domain_helpers.py) meet one coverage route each: CC.1 single
agent, CC.2 with trastuzumab, CC.3 with capecitabine.
"""

from __future__ import annotations

from typing import Any

import pytest
from domain_helpers import (
    BCBST,
    DRAFT,
    bcbst_capecitabine,
    bcbst_monotherapy,
    bcbst_trastuzumab,
    changed,
    continuation_of,
    run,
    therapy,
)

from ixreview.domain.evaluation import Evaluation, Outcome, Truth

MET, NOT_MET, UNKNOWN, NA = Truth.MET, Truth.NOT_MET, Truth.UNKNOWN, Truth.NOT_APPLICABLE
MEETS, DENY, INFO = Outcome.MEETS, Outcome.DOES_NOT_MEET, Outcome.NEEDS_INFORMATION
BOTH = pytest.mark.parametrize("policy", [BCBST, DRAFT])


def status(ev: Evaluation, clause_id: str) -> Truth:
    return ev.clause(clause_id).status


def statuses(ev: Evaluation, *ids: str) -> tuple[Truth, ...]:
    return tuple(status(ev, i) for i in ids)


@BOTH
@pytest.mark.parametrize(
    ("base", "route"),
    [(bcbst_monotherapy, "CC.1"), (bcbst_trastuzumab, "CC.2"), (bcbst_capecitabine, "CC.3")],
)
def test_each_route_meets(policy: str, base: Any, route: str) -> None:
    ev = run(policy, base())
    assert ev.outcome == MEETS and ev.missing == []
    assert statuses(ev, "BC", route, "EX", "OTHER", "CT") == (MET, MET, NOT_MET, NOT_MET, NA)
    assert ev.authorization is not None and ev.authorization.months == 12
    assert ev.clause("CT").reason == "applies only to continuation requests"


# -- CC.1: HER2-negative, single agent ---------------------------------------------------


@BOTH
@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"diagnosis.extent": "locally_advanced"}, MET),
        ({"diagnosis.extent": "recurrent_unresectable"}, MET),
        ({"diagnosis.extent": "early", "diagnosis.no_response_to_preoperative_therapy": True}, MET),
        ({"diagnosis.extent": "early"}, NOT_MET),
        ({"diagnosis.extent": "locally_recurrent"}, NOT_MET),
        ({"biomarkers.her2": "positive"}, NOT_MET),
        ({"medication.regimen": "with_trastuzumab", "biomarkers.her2": "negative"}, NOT_MET),
        (
            {"diagnosis.extent": None, "diagnosis.no_response_to_preoperative_therapy": None},
            UNKNOWN,
        ),
        (
            {"diagnosis.extent": "early", "diagnosis.no_response_to_preoperative_therapy": None},
            UNKNOWN,
        ),
    ],
)
def test_cc1(policy: str, changes: dict[str, Any], expected: Truth) -> None:
    ev = run(policy, bcbst_monotherapy(), **changes)
    assert status(ev, "CC.1") == expected
    assert ev.outcome == {MET: MEETS, NOT_MET: DENY, UNKNOWN: INFO}[expected]
    if expected == NOT_MET:
        assert statuses(ev, "BC", "OTHER") == (NOT_MET, MET)
        assert [c.id for c in ev.met_exclusions()] == ["OTHER"]


@BOTH
@pytest.mark.parametrize("on_file", [False, None])
def test_her2_report_not_on_file_asks_for_it_never_denies(
    policy: str, on_file: bool | None
) -> None:
    ev = run(policy, bcbst_monotherapy(), **{"biomarkers.her2_test_on_file": on_file})
    assert status(ev, "CC.1") == UNKNOWN
    assert (ev.outcome, ev.missing) == (INFO, ["biomarkers.her2_test_on_file"])
    state = "not on file" if on_file is False else "not documented"
    assert f"The HER2 test report is {state}; it is needed to review HER2 status." == (
        ev.clause("CC.1").reason
    )


@BOTH
def test_her2_report_on_file_but_status_missing(policy: str) -> None:
    ev = run(policy, bcbst_monotherapy(), **{"biomarkers.her2": "unknown"})
    assert (ev.outcome, ev.missing) == (INFO, ["biomarkers.her2"])


@BOTH
def test_her2_report_is_not_needed_where_her2_does_not_matter(policy: str) -> None:
    ev = run(policy, bcbst_capecitabine(), **{"biomarkers.her2_test_on_file": False})
    assert ev.outcome == MEETS


# -- CC.2: HER2-positive, with trastuzumab -----------------------------------------------


@BOTH
@pytest.mark.parametrize(
    ("changes", "current", "draft"),
    [
        ({"diagnosis.extent": "metastatic"}, MET, MET),
        ({"diagnosis.extent": "recurrent_unresectable"}, MET, MET),
        # "recurrent" in force; the draft narrows it to "recurrent unresectable"
        ({"diagnosis.extent": "locally_recurrent"}, MET, NOT_MET),
        ({"diagnosis.extent": "locally_advanced"}, NOT_MET, NOT_MET),
        (
            {"diagnosis.extent": "early", "diagnosis.no_response_to_preoperative_therapy": True},
            MET,
            MET,
        ),
        ({"biomarkers.her2": "negative"}, NOT_MET, NOT_MET),
        # the draft adds "as fourth line therapy and beyond": at least three prior lines
        ({"prior_lines_of_therapy": 2}, MET, NOT_MET),
        ({"prior_lines_of_therapy": None}, MET, UNKNOWN),
        ({"biomarkers.her2_test_on_file": False}, UNKNOWN, UNKNOWN),
    ],
)
def test_cc2(policy: str, changes: dict[str, Any], current: Truth, draft: Truth) -> None:
    expected = current if policy == BCBST else draft
    ev = run(policy, bcbst_trastuzumab(), **changes)
    assert status(ev, "CC.2") == expected
    assert ev.outcome == {MET: MEETS, NOT_MET: DENY, UNKNOWN: INFO}[expected]


def test_cc2_draft_reason_names_the_line_count() -> None:
    ev = run(DRAFT, bcbst_trastuzumab(), prior_lines_of_therapy=2)
    assert ev.clause("CC.2").reason == "2 prior line(s) of therapy; at least 3 lines required."
    assert run(DRAFT, bcbst_trastuzumab(), prior_lines_of_therapy=None).missing == [
        "prior_lines_of_therapy"
    ]


# -- CC.3: with capecitabine ----------------------------------------------------------------


@BOTH
@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"diagnosis.extent": "locally_advanced"}, MET),
        ({"diagnosis.extent": "locally_recurrent"}, NOT_MET),
        ({"diagnosis.extent": "recurrent_unresectable"}, NOT_MET),
        ({"medication.regimen": "monotherapy", "biomarkers.her2": "positive"}, NOT_MET),
    ],
)
def test_cc3(policy: str, changes: dict[str, Any], expected: Truth) -> None:
    ev = run(policy, bcbst_capecitabine(), **changes)
    assert status(ev, "CC.3") == expected


LATE_ANTHRACYCLINE = therapy(
    "doxorubicin", "metastatic", "2020-01-10", "2020-04-10", progression="2023-01-01"
)
RESISTANT_TAXANE = therapy(
    "docetaxel", "metastatic", "2025-09-01", "2026-02-15", progression="2026-04-20"
)
LATE_TAXANE = therapy(
    "docetaxel", "metastatic", "2024-01-01", "2024-05-01", progression="2025-06-01"
)
NO_ANTHRACYCLINE_PROGRESSION = therapy("doxorubicin", "adjuvant", "2020-01-10", "2020-04-10")
# sequential adjuvant therapy (anthracycline, then taxane): no recurrence is implied
ADJUVANT_TAXANE = therapy("paclitaxel", "adjuvant", "2020-04-24", "2020-07-10")
RESISTANT_ADJUVANT_TAXANE = therapy("paclitaxel", "adjuvant", "2020-04-24", "2020-07-10", on=True)


@BOTH
@pytest.mark.parametrize(
    ("therapies", "contraindicated", "current", "draft"),
    [
        # failure of both classes: enough in force; the draft needs resistance to both
        ([LATE_ANTHRACYCLINE, RESISTANT_TAXANE], False, MET, NOT_MET),
        ([LATE_ANTHRACYCLINE, LATE_TAXANE], False, MET, NOT_MET),
        # taxane resistant and further anthracycline contraindicated: both versions
        ([NO_ANTHRACYCLINE_PROGRESSION, RESISTANT_TAXANE], True, MET, MET),
        ([RESISTANT_TAXANE], True, MET, MET),
        # taxane not resistant, anthracycline contraindicated but not failed
        ([NO_ANTHRACYCLINE_PROGRESSION, ADJUVANT_TAXANE], True, NOT_MET, NOT_MET),
        ([NO_ANTHRACYCLINE_PROGRESSION, ADJUVANT_TAXANE], False, NOT_MET, NOT_MET),
        ([], False, NOT_MET, NOT_MET),
        # the contraindication is what decides
        ([NO_ANTHRACYCLINE_PROGRESSION, RESISTANT_ADJUVANT_TAXANE], None, UNKNOWN, UNKNOWN),
        # metastatic treatment after the adjuvant anthracycline: the disease came back on a
        # date the record does not give, so anthracycline failure is not documented (not "no")
        ([NO_ANTHRACYCLINE_PROGRESSION, RESISTANT_TAXANE], False, UNKNOWN, UNKNOWN),
        ([NO_ANTHRACYCLINE_PROGRESSION, LATE_TAXANE], True, UNKNOWN, NOT_MET),
    ],
)
def test_cc3a(
    policy: str,
    therapies: list[dict[str, Any]],
    contraindicated: bool | None,
    current: Truth,
    draft: Truth,
) -> None:
    expected = current if policy == BCBST else draft
    ev = run(
        policy,
        bcbst_capecitabine(),
        prior_therapies=therapies,
        anthracycline_contraindicated=contraindicated,
    )
    assert status(ev, "CC.3.a") == expected
    assert ev.outcome == {MET: MEETS, NOT_MET: DENY, UNKNOWN: INFO}[expected]
    if expected == UNKNOWN and contraindicated is None:
        assert ev.missing == ["anthracycline_contraindicated"]
    elif expected == UNKNOWN:
        assert ev.missing == ["prior_therapies[0].progression_date"]


@BOTH
def test_cc3a_unknown_progression_on_therapy(policy: str) -> None:
    doubtful = therapy("doxorubicin", "metastatic", "2024-01-10", "2024-04-10", on=None)
    ev = run(policy, bcbst_capecitabine(), **{"prior_therapies.0": doubtful})
    assert status(ev, "CC.3.a") == UNKNOWN
    # the later metastatic docetaxel also implies a recurrence whose date is not recorded
    assert (ev.outcome, ev.missing) == (
        INFO,
        ["prior_therapies[0].progressed_on_therapy", "prior_therapies[0].progression_date"],
    )


@BOTH
def test_cc3a_draft_resistance_windows_on_the_last_day_and_after(policy: str) -> None:
    # anthracycline in the metastatic setting: 3 months after 2025-11-30 ends 2026-02-28
    def with_progression(day: str) -> Evaluation:
        t = therapy("epirubicin", "metastatic", "2025-09-01", "2025-11-30", progression=day)
        return run(policy, bcbst_capecitabine(), **{"prior_therapies.0": t})

    assert status(with_progression("2026-02-28"), "CC.3.a") == MET
    # the day after: still a failure (in force), no longer resistance (draft)
    assert status(with_progression("2026-03-01"), "CC.3.a") == (MET if policy == BCBST else NOT_MET)


@BOTH
@pytest.mark.parametrize(
    ("labs", "expected"),
    [
        ({"ast_u_l": 100, "ast_uln": 40}, MET),  # exactly 2.5 × ULN is allowed
        ({"ast_u_l": 100.01, "ast_uln": 40}, NOT_MET),
        ({"ast_u_l": 112.5, "ast_uln": 45}, MET),
        ({"ast_u_l": 112.51, "ast_uln": 45}, NOT_MET),
        ({"alt_u_l": 112.5, "alt_uln": 45}, MET),
        ({"alt_u_l": 100.01, "alt_uln": 40}, NOT_MET),
        ({"bilirubin_mg_dl": 1.2, "bilirubin_uln": 1.2}, MET),  # exactly 1 × ULN
        ({"bilirubin_mg_dl": 1.21, "bilirubin_uln": 1.2}, NOT_MET),
        ({"ast_uln": None}, UNKNOWN),
        ({"bilirubin_mg_dl": None}, UNKNOWN),
    ],
)
def test_cc3b_hepatic(policy: str, labs: dict[str, Any], expected: Truth) -> None:
    ev = run(policy, bcbst_capecitabine(), **{f"labs.{k}": v for k, v in labs.items()})
    assert status(ev, "CC.3.b") == expected
    assert ev.outcome == {MET: MEETS, NOT_MET: DENY, UNKNOWN: INFO}[expected]
    if expected == UNKNOWN:
        assert ev.missing == [f"labs.{next(iter(labs))}"]


# -- exclusions: label contraindications ------------------------------------------------------


@BOTH
@pytest.mark.parametrize(
    ("labs", "expected"),
    [
        ({"anc_per_mm3": 1499}, MET),
        ({"anc_per_mm3": 1500}, NOT_MET),
        ({"platelets_per_mm3": 99_999}, MET),
        ({"platelets_per_mm3": 100_000}, NOT_MET),
        ({"anc_per_mm3": None}, UNKNOWN),
    ],
)
def test_ex_counts(policy: str, labs: dict[str, Any], expected: Truth) -> None:
    ev = run(policy, bcbst_monotherapy(), **{f"labs.{k}": v for k, v in labs.items()})
    assert status(ev, "EX") == expected
    assert ev.outcome == {MET: DENY, NOT_MET: MEETS, UNKNOWN: INFO}[expected]


@BOTH
def test_exclusion_decides_even_when_the_her2_report_is_missing(policy: str) -> None:
    ev = run(
        policy,
        bcbst_monotherapy(),
        **{"labs.platelets_per_mm3": 80_000, "biomarkers.her2_test_on_file": None},
    )
    assert status(ev, "BC") == UNKNOWN
    assert (ev.outcome, ev.missing) == (DENY, [])


@BOTH
@pytest.mark.parametrize("code", ["C79.81", "Z85.3"])
def test_secondary_code_alone_needs_confirmation(policy: str, code: str) -> None:
    ev = run(policy, bcbst_monotherapy(), **{"diagnosis.icd10_codes": [code]})
    assert statuses(ev, "BC", "OTHER") == (UNKNOWN, UNKNOWN)
    assert (ev.outcome, ev.missing) == (INFO, ["diagnosis.breast_cancer_confirmed"])


def test_no_breast_cancer_is_an_other_indication() -> None:
    ev = run(BCBST, bcbst_monotherapy(), **{"diagnosis.icd10_codes": ["C79.51"]})
    assert statuses(ev, "BC", "OTHER") == (NOT_MET, MET)
    assert ev.clause("BC").reason == "No breast cancer code among C79.51 (a C50 code is needed)."
    assert ev.outcome == DENY


# -- continuation of therapy --------------------------------------------------------------------


@BOTH
@pytest.mark.parametrize(
    ("toxicity", "progression", "expected", "missing"),
    [
        (False, False, MET, []),
        (True, False, NOT_MET, []),
        (False, True, NOT_MET, []),
        (True, True, NOT_MET, []),
        (None, False, UNKNOWN, ["continuation.unacceptable_toxicity"]),
        (False, None, UNKNOWN, ["continuation.disease_progression"]),
        (True, None, NOT_MET, []),
    ],
)
def test_continuation_clause(
    policy: str,
    toxicity: bool | None,
    progression: bool | None,
    expected: Truth,
    missing: list[str],
) -> None:
    ev = run(policy, continuation_of(bcbst_monotherapy(), toxicity, progression))
    assert status(ev, "CT") == expected
    assert ev.outcome == {MET: MEETS, NOT_MET: DENY, UNKNOWN: INFO}[expected]
    assert ev.missing == missing
    if expected == MET:
        assert ev.authorization is not None and ev.authorization.months == 12


@BOTH
def test_continuation_still_needs_a_covered_indication(policy: str) -> None:
    ev = run(policy, continuation_of(bcbst_monotherapy()), **{"diagnosis.extent": "early"})
    assert statuses(ev, "CT", "BC", "OTHER") == (NOT_MET, NOT_MET, MET)
    assert ev.outcome == DENY


def test_continuation_request_without_the_continuation_section() -> None:
    ev = run(BCBST, bcbst_monotherapy(), request_type="continuation")
    assert (ev.outcome, ev.missing) == (
        INFO,
        ["continuation.disease_progression", "continuation.unacceptable_toxicity"],
    )
    toxic = run(
        BCBST,
        bcbst_monotherapy(),
        request_type="continuation",
        continuation={"unacceptable_toxicity": True},
    )
    assert toxic.outcome == DENY


def test_continuation_reason_words() -> None:
    ev = run(BCBST, continuation_of(bcbst_monotherapy(), toxicity=True))
    assert ev.clause("CT").reason == "Unacceptable toxicity: reported."


# -- request type not documented ---------------------------------------------------------------


def test_request_type_unknown_asks_for_it_when_the_criteria_differ() -> None:
    ev = run(BCBST, bcbst_monotherapy(), request_type=None)
    assert ev.outcome == INFO
    assert ev.missing == [
        "continuation.disease_progression",
        "continuation.unacceptable_toxicity",
        "request_type",
    ]
    assert status(ev, "CT") == UNKNOWN  # both trees apply while the type is unknown


def test_request_type_unknown_but_both_readings_agree() -> None:
    ev = run(BCBST, bcbst_monotherapy(), request_type=None, **{"labs.anc_per_mm3": 1000})
    assert (ev.outcome, ev.missing) == (DENY, [])


def test_request_type_unknown_with_a_continuation_section_is_a_continuation() -> None:
    base = changed(continuation_of(bcbst_monotherapy()), {"request_type": None})
    assert run(BCBST, base).outcome == MEETS
    toxic = changed(continuation_of(bcbst_monotherapy(), toxicity=True), {"request_type": None})
    assert run(BCBST, toxic).outcome == DENY


# -- evaluation shape ------------------------------------------------------------------------


def test_clause_tree_depth_and_parents() -> None:
    ev = run(BCBST, bcbst_capecitabine())
    assert [(c.id, c.depth, c.parent) for c in ev.clauses] == [
        ("BC", 0, None),
        ("CC.1", 1, "BC"),
        ("CC.2", 1, "BC"),
        ("CC.3", 1, "BC"),
        ("CC.3.a", 2, "CC.3"),
        ("CC.3.b", 2, "CC.3"),
        ("CT", 0, None),
        ("EX", 0, None),
        ("OTHER", 0, None),
    ]
    assert [
        c.id
        for c in run(
            BCBST, bcbst_capecitabine(), **{"diagnosis.extent": "early"}
        ).unmet_approval_clauses()
    ] == ["BC"]


def test_derived_facts_are_shown_with_their_inputs() -> None:
    ev = run(BCBST, bcbst_capecitabine(), **{"labs.ast_u_l": 105})
    derived = {d.name: d for d in ev.derived}
    assert list(derived) == [
        "breast_cancer",
        "her2_on_file",
        "taxane_resistant",
        "taxane_failure",
        "anthracycline_resistant",
        "anthracycline_failure",
        "capecitabine_failure",
        "ast_ratio",
        "alt_ratio",
        "bilirubin_ratio",
    ]
    assert derived["ast_ratio"].value == "2.63 × ULN"
    assert derived["taxane_resistant"].value == "yes"
    assert "window ends 2026-06-15" in derived["taxane_resistant"].explanation
    assert derived["capecitabine_failure"].value == "no"
    assert derived["her2_on_file"].value == "negative"
    assert derived["breast_cancer"].explanation.startswith(
        "breast cancer is established by C50.412"
    )
