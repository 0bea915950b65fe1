"""Every kind of letter, read back with pypdf, carries each element it must contain."""

from __future__ import annotations

import json
from datetime import date

import pytest
from letters_helpers import pdf_text, with_changes
from pydantic import ValidationError

from ixreview.domain.engine import evaluate
from ixreview.domain.evaluation import Evaluation, Outcome
from ixreview.domain.intake import parse_case_json
from ixreview.letters import (
    MEDICARE_ADVANTAGE_APPEAL_DAYS,
    DenialReason,
    LetterData,
    LetterKind,
    appeal_counted_from,
    appeal_deadline_days_for,
    denial_clauses,
    render_letter,
)
from ixreview.letters.samples import EXAMPLE_CASE, sample_evaluation, sample_letter
from ixreview.letters.templates import load_templates
from ixreview.letters.wording import Explainer, clause_citation, route_not_taken


def common_elements(data: LetterData, text: str) -> None:
    """What every letter says: addressee, copy to prescriber, RE block, drug, policy."""
    assert data.member.name in text
    for line in data.member.address_lines:
        assert line in text
    assert f"Member ID {data.member.id}" in text
    assert "Date of birth July 14, 1962" in text
    assert f"Reference {data.reference}" in text
    assert "Drug ixabepilone (Ixempra)" in text
    # The billing code is explained at its first use; "HCPCS" never reaches the member.
    assert "Billing code J9207 (the billing code for ixabepilone; 1 unit = 1 mg)" in text
    assert "HCPCS" not in text
    assert data.regimen in text
    assert data.dose in text
    assert "Date of decision November 22, 2026" in text
    assert f"cc: {data.prescriber.name}" in text
    assert data.plan.name in text and data.plan.phone in text
    policy = data.evaluation.policy
    assert f"{policy.title}, document {policy.document_number}, version {policy.version}" in text
    # The criteria summary: every clause with its finding (an approval: the route met,
    # not the alternatives another route made unnecessary).
    clauses = data.evaluation.clauses
    for clause in clauses:
        if data.kind is LetterKind.APPROVAL and route_not_taken(clause, clauses):
            assert clause.text not in text
        else:
            assert clause.text in text
    assert "Clause Criterion (policy wording) Finding" in text


def test_approval_letter_states_the_authorization(approval: LetterData) -> None:
    text = pdf_text(render_letter(approval).pdf)
    common_elements(approval, text)
    assert "Your request for ixabepilone (Ixempra) is approved" in text
    assert "Authorization number AUTH-2026-118842" in text
    assert "Authorized period December 1, 2026 through May 31, 2027" in text
    assert "J9207 units per dose (1 unit = 1 mg) 75" in text
    assert "J9207 units for the whole period 675" in text
    assert "Approved by Łukasz Søndergaard, RN, CCM Nurse reviewer" in text


def test_denial_letter_has_every_required_element(denial: LetterData) -> None:
    text = pdf_text(render_letter(denial).pdf)
    common_elements(denial, text)
    assert denial.denial is not None
    # For every clause relied on: the clause named, its wording, the member-specific reason.
    # Cited as the policy prints them: number and section, never ixreview's clause ids.
    assert "“may be approved” list, criterion II, of Clinical Criteria: Ixempra" in text
    assert "“may not be approved” list, item I, of Clinical Criteria: Ixempra" in text
    assert "Exclusion NA." not in text
    assert "NA.I" not in text
    assert "Criterion II" not in text
    for clause in denial_clauses(denial.evaluation):
        assert f"“{clause.text}”" in text
    # The catch-all (III: "when the above criteria are not met ...") is not a reason.
    assert [c.id for c in denial_clauses(denial.evaluation)] == ["II", "NA.I"]
    for reason in denial.denial.reasons:
        assert " ".join(reason.reason.split()) in text
    # Sub-clauses of "Any of the following indications" are quoted with their finding.
    assert "II.B: In combination with capecitabine" in text
    for item in denial.denial.what_would_change:
        assert item in text
    assert "What could change this decision" in text
    assert "Your right to appeal" in text
    assert "within 180 days of the date you receive this letter" in text
    assert "Blue Valley Health Plan, Appeals Unit, PO Box 4420" in text  # how to appeal
    assert "expedited appeal" in text and "within 72 hours" in text
    assert "Your right to the criteria, free of charge" in text
    assert "free of charge" in text
    assert "peer-to-peer" in text and "by calling 1-800-555-0177" in text
    assert "physician reviewer, Mai Nguyễn, MD" in text
    assert "Denied by Mai Nguyễn, MD Physician reviewer (Medical Director)" in text


def test_denial_appeal_deadline_follows_the_data(denial: LetterData) -> None:
    assert denial.denial is not None
    details = denial.denial.model_copy(update={"appeal_deadline_days": 65})
    text = pdf_text(render_letter(with_changes(denial, denial=details)).pdf)
    assert "within 65 days" in text and "within 180 days" not in text


def test_expedited_text_can_be_given_per_letter(denial: LetterData) -> None:
    assert denial.denial is not None
    custom = "Call us day or night at 1-800-555-0100 for a 24-hour decision."
    details = denial.denial.model_copy(update={"expedited_appeal_text": custom})
    text = pdf_text(render_letter(with_changes(denial, denial=details)).pdf)
    assert custom in text and "within 72 hours" not in text


def test_medicare_advantage_appeal_counts_65_days_from_the_notice(denial: LetterData) -> None:
    assert denial.denial is not None
    details = denial.denial.model_copy(
        update={"appeal_deadline_days": 65, "appeal_counted_from": "notice"}
    )
    text = pdf_text(render_letter(with_changes(denial, denial=details)).pdf)
    assert "within 65 days of the date of this notice (November 22, 2026)" in text
    assert "the date you receive this letter" not in text
    assert appeal_counted_from("Medicare Advantage HMO") == "notice"
    assert appeal_counted_from("Commercial PPO") == "receipt"


def test_appeal_window_defaults_by_plan_type() -> None:
    assert appeal_deadline_days_for("Medicare Advantage HMO") == MEDICARE_ADVANTAGE_APPEAL_DAYS
    assert appeal_deadline_days_for("Commercial PPO") == 180
    assert appeal_deadline_days_for(None) == 180


def test_request_for_information_lists_items_reasons_and_due_date(rfi: LetterData) -> None:
    text = pdf_text(render_letter(rfi).pdf)
    common_elements(rfi, text)
    assert rfi.information is not None
    for n, item in enumerate(rfi.information.items, start=1):
        assert f"{n}. {item.item}" in text
        assert f"Why we need it: {item.why_needed}" in text
        assert "criterion" not in item.why_needed.lower()
    assert "Please send the information by December 4, 2026" in text
    assert "by fax to 1-800-555-0198" in text
    assert "Requested by Łukasz Søndergaard, RN, CCM" in text
    assert "Not documented" in text  # the criteria table shows what is missing


def test_denial_needs_a_reason_for_every_unmet_clause(denial: LetterData) -> None:
    assert denial.denial is not None
    fewer = denial.denial.model_copy(update={"reasons": denial.denial.reasons[:1]})
    with pytest.raises(ValidationError, match=r"no member-specific reason for clause\(s\) NA.I"):
        with_changes(denial, denial=fewer)


def test_denial_reason_must_cite_an_unmet_clause(denial: LetterData) -> None:
    assert denial.denial is not None
    wrong = [*denial.denial.reasons, DenialReason(clause_id="I", reason="It is met.")]
    with pytest.raises(ValidationError, match=r"denial.reasons: clause\(s\) I are not unmet"):
        with_changes(denial, denial=denial.denial.model_copy(update={"reasons": wrong}))


def test_denial_of_a_case_that_meets_criteria_is_refused(denial: LetterData) -> None:
    with pytest.raises(ValidationError, match="a denial needs at least one unmet criterion"):
        with_changes(denial, evaluation=sample_evaluation(Outcome.MEETS))


def test_kind_details_must_match_the_kind(approval: LetterData) -> None:
    with pytest.raises(ValidationError, match="denial: required for a denial letter"):
        with_changes(approval, kind=LetterKind.DENIAL)


def test_approval_period_must_run_forward(approval: LetterData) -> None:
    assert approval.approval is not None
    bad = approval.approval.model_dump() | {"period_to": date(2026, 11, 1)}
    with pytest.raises(ValidationError, match=r"period_to .* is before period_from"):
        with_changes(approval, approval=bad)


def test_a_policy_without_a_printed_version_is_named_by_title_issuer_and_date(
    denial: LetterData,
) -> None:
    """BCBST prints no version: "the version in force on <received date>", not "current"."""
    bcbst = _bcbst()
    assert bcbst.policy.version == "current"
    approval = sample_letter(LetterKind.APPROVAL)
    text = pdf_text(render_letter(with_changes(approval, evaluation=bcbst)).pdf)
    assert "version current" not in text
    assert (
        "Ixabepilone (Ixempra®) of BlueCross BlueShield of Tennessee (the version in force on "
        "November 19, 2026)" in text
    )
    in_force = "issued by BlueCross BlueShield of Tennessee: the version in force on November 19"
    assert in_force in text


def test_codes_are_explained_once_outside_policy_quotes() -> None:
    tpl = load_templates()
    plain = Explainer(tpl)
    first = plain.explain("Your HER2 test and AST, then HER2 again; NCCN 2A applies.")
    assert first.count("HER2 (a protein that some breast cancers make too much of)") == 1
    assert "HER2 again" in first and "AST (a liver enzyme" in first
    assert "category 2A recommendation of the National Comprehensive Cancer Network" in first
    assert plain.explain("HER2 and AST") == "HER2 and AST"  # once per letter
    assert plain.explain("HCPCS J9207").startswith("J9207 (the billing code")
    # A term the text already explains in place is not explained twice.
    again = Explainer(tpl).explain("ALT (alanine aminotransferase) above 2.5")
    assert again == "ALT (alanine aminotransferase) above 2.5"


def test_clauses_are_cited_by_number_and_section() -> None:
    tpl = load_templates()
    ing = sample_evaluation(Outcome.DOES_NOT_MEET)
    assert clause_citation(tpl, ing.clause("NA.II")) == "“may not be approved” list, item II"
    bcbst = _bcbst()
    assert clause_citation(tpl, bcbst.clause("CC.3")) == "Coverage Criteria, criterion 3"
    assert clause_citation(tpl, bcbst.clause("BC")) == "Coverage Criteria: “Breast Cancer”"


def _bcbst() -> Evaluation:
    return evaluate(parse_case_json(json.dumps(EXAMPLE_CASE)), "BCBST-IXEMPRA")
