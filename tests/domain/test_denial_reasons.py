"""Plain-language denial reasons and information needed, per clause, from the policy data.

A clause that counts against the member (an approval clause not met, a "may not be
approved" clause met) carries the policy file's sentence followed by what in this
request made it so, in plain words: never a clause id, never an unexplained code.
"""

from __future__ import annotations

import json
import re

import pytest
from domain_helpers import (
    ALL_VERSIONS,
    BCBST,
    DRAFT,
    ING,
    bcbst_capecitabine,
    bcbst_monotherapy,
    continuation_of,
    run,
)

from ixreview.domain.evaluation import ClauseRole, Evaluation, Outcome, Truth

CLAUSE_ID = re.compile(r"\b(CC\.\d|NA\.I|II\.[A-D]|BC|EX|CT)\b| is not met\b")


def against(ev: Evaluation) -> list[str]:
    return [
        c.id
        for c in ev.clauses
        if (c.role == ClauseRole.APPROVAL and c.status == Truth.NOT_MET)
        or (c.role == ClauseRole.EXCLUSION and c.status == Truth.MET)
    ]


def test_bcbst_liver_tests_with_capecitabine() -> None:
    ev = run(BCBST, bcbst_capecitabine(), **{"labs.ast_u_l": 118})
    assert ev.outcome == Outcome.DOES_NOT_MEET
    assert ev.clause("BC").denial_reason == (
        "The request does not meet any of the policy's coverage criteria for breast cancer. "
        "The liver enzyme AST (aspartate aminotransferase) is 118 U/L, 2.95 times the upper "
        "limit of normal (40 U/L), above the limit of 2.5 times the upper limit of normal."
    )
    # routes the prescriber did not ask for (single agent, trastuzumab) are left out of BC's
    # reason; their own clauses still say why they do not apply
    assert "Ixempra alone" not in ev.clause("BC").denial_reason
    assert ev.clause("CC.1").denial_reason.endswith(
        "The requested treatment is Ixempra with capecitabine, and this criterion needs "
        "Ixempra alone."
    )
    assert ev.clause("CC.3.b").denial_reason.startswith(
        "Ixempra with capecitabine is not covered when the liver tests are too high"
    )
    assert ev.clause("BC").information_needed == (
        "Records showing that the breast cancer and the requested treatment match one of the "
        "policy's coverage criteria."
    )


def test_ing_low_counts_and_too_few_lines() -> None:
    ev = run(
        ING,
        **{
            "labs.anc_per_mm3": 1499,
            "medication.regimen": "monotherapy",
            "prior_lines_of_therapy": 1,
        },
    )
    assert ev.clause("NA.I").denial_reason == (
        "The blood counts before treatment are too low for Ixempra to be given safely "
        "(neutrophils below 1,500 or platelets below 100,000 cells/mm³). The neutrophil count "
        "before treatment is 1,499 cells/mm³, below 1,500 cells/mm³."
    )
    assert ev.clause("II").denial_reason == (
        "The requested use of Ixempra is not one of the uses the policy covers. The member has "
        "had 1 earlier line(s) of treatment, less than the 2 lines required."
    )
    assert ev.clause("NA.I").information_needed.startswith("Blood counts taken within 30 days")


def test_failure_named_by_the_drug() -> None:
    # the doxorubicin regimen never progressed, and nothing later implies it did
    ev = run(
        BCBST,
        bcbst_capecitabine(),
        **{
            "prior_therapies.0.progressed_on_therapy": False,
            "prior_therapies.0.setting": "adjuvant",
            "prior_therapies.0.start": "2020-01-10",
            "prior_therapies.0.end": "2020-04-10",
            "prior_therapies.1.setting": "adjuvant",
            "prior_therapies.1.start": "2020-05-01",
            "prior_therapies.1.end": "2020-08-01",
            "prior_therapies.1.progression_date": "2025-06-01",
        },
    )
    assert ev.clause("CC.3.a").status == Truth.NOT_MET
    reason = ev.clause("CC.3.a").denial_reason
    assert "records show no progression during or after an anthracycline" in reason
    assert "the records show no resistance to a taxane (docetaxel (adjuvant)" in reason
    assert "doxorubicin: no progression recorded" in reason


def test_continuation_with_progression() -> None:
    ev = run(BCBST, continuation_of(bcbst_monotherapy(), progression=True))
    assert ev.outcome == Outcome.DOES_NOT_MEET
    assert ev.clause("CT").denial_reason.endswith("Disease progression: reported.")


def test_met_and_unknown_clauses() -> None:
    ev = run(ING)
    assert all(
        c.denial_reason == "" and c.information_needed == ""
        for c in ev.clauses
        if c.status == Truth.MET and c.role == ClauseRole.APPROVAL
    )
    unknown = run(ING, **{"labs.anc_per_mm3": None})
    na1 = unknown.clause("NA.I")
    assert na1.status == Truth.UNKNOWN and na1.denial_reason == ""
    assert na1.information_needed.startswith("Blood counts taken within 30 days")


@pytest.mark.parametrize("policy", ALL_VERSIONS)
@pytest.mark.parametrize(
    "changes",
    [
        {"labs.anc_per_mm3": 900},
        {"labs.ast_u_l": 300, "labs.bilirubin_mg_dl": 2},
        {"diagnosis.extent": "early"},
        {"medication.regimen": "monotherapy", "biomarkers.her2": "positive"},
        {"medication.regimen": "with_trastuzumab", "prior_lines_of_therapy": 0},
        {"diagnosis.icd10_codes": ["C79.51"]},
        {"cremophor_hypersensitivity": True},
    ],
)
def test_every_clause_against_the_member_says_why_in_plain_words(
    policy: str, changes: dict[str, object]
) -> None:
    ev = run(policy, **changes)
    for c in ev.clauses:
        if c.id in against(ev):
            assert c.denial_reason and c.information_needed, c.id
            assert c.denial_reason.endswith("."), c.denial_reason
            assert not CLAUSE_ID.search(c.denial_reason), (c.id, c.denial_reason)
            assert "ULN" not in c.denial_reason and "_" not in c.denial_reason
        else:
            assert c.denial_reason == "", c.id


def test_the_json_contract_only_gains_keys() -> None:
    out = run(ING, **{"labs.anc_per_mm3": 900}).to_json_dict()
    clause = next(c for c in out["clauses"] if c["id"] == "NA.I")
    assert set(clause) == {
        "id",
        "number",
        "section",
        "text",
        "role",
        "status",
        "reason",
        "parent",
        "missing",
        "denial_reason",
        "information_needed",
    }
    assert clause["denial_reason"].startswith("The blood counts before treatment are too low")
    json.dumps(out)


def test_the_case_format_example_needs_information_under_bcbst() -> None:
    """Its docetaxel in the metastatic setting came after the adjuvant doxorubicin."""
    for policy in (BCBST, DRAFT):
        ev = run(policy)
        assert (ev.outcome, ev.missing) == (
            Outcome.NEEDS_INFORMATION,
            ["prior_therapies[0].progression_date"],
        )
    assert run(ING).outcome == Outcome.MEETS
