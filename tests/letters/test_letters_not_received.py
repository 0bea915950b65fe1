"""Denial letters for information requested and not received (no workflow, no store)."""

from __future__ import annotations

from datetime import date

import pytest
from letters_helpers import pdf_text
from pydantic import ValidationError

from ixreview.domain.evaluation import Outcome
from ixreview.letters import LetterData, render_letter
from ixreview.letters.model import LetterKind, undocumented_clauses
from ixreview.letters.samples import sample_evaluation
from ixreview.letters.templates import load_templates


def _not_received(denial: LetterData, outcome: Outcome = Outcome.NEEDS_INFORMATION,
                  reason: str = "We asked for a recent blood count and did not receive it.",
                  ) -> LetterData:
    assert denial.denial is not None
    evaluation = sample_evaluation(outcome)
    clauses = undocumented_clauses(evaluation)
    details = denial.denial.model_dump() | {
        "reasons": [{"clause_id": c.id, "reason": reason} for c in clauses]
        or [{"clause_id": "I", "reason": reason}],  # nothing undocumented: cite a met one
        "what_would_change": ["A recent absolute neutrophil count"],
        "information_not_received": {
            "requested_on": date(2026, 11, 22),
            "respond_by": date(2027, 1, 6),
            "items": ["A recent absolute neutrophil count"],
        },
    }
    return LetterData.model_validate(
        denial.model_dump() | {"evaluation": evaluation, "denial": details}
    )


def test_undocumented_clauses_are_the_unknown_top_level_ones() -> None:
    evaluation = sample_evaluation(Outcome.NEEDS_INFORMATION)
    clauses = undocumented_clauses(evaluation)
    assert clauses and all(c.status.value == "unknown" and c.parent is None for c in clauses)
    assert undocumented_clauses(sample_evaluation(Outcome.MEETS)) == []


def test_the_letter_says_what_was_asked_when_and_that_it_did_not_arrive(
    denial: LetterData,
) -> None:
    data = _not_received(denial)
    text = pdf_text(render_letter(data).pdf)
    assert (
        "On November 22, 2026 we asked your prescriber for information we needed to review "
        "this request, to be sent by January 6, 2027. We did not receive it." in text
    )
    assert "We asked for a recent blood count and did not receive it." in text
    assert "could not rule it out" in text or "could not find it met" in text
    assert "The request did not meet the following coverage criteria" not in text
    assert "We could approve the request if we receive the information we asked for" in text
    assert "A recent absolute neutrophil count" in text
    assert "Your right to appeal" in text and "peer-to-peer" in text


def test_an_ordinary_denial_keeps_its_wording(denial: LetterData) -> None:
    text = pdf_text(render_letter(denial).pdf)
    assert "The request did not meet the following coverage criteria" in text
    assert "we asked your prescriber" not in text


def test_nothing_undocumented_means_no_such_denial(denial: LetterData) -> None:
    with pytest.raises(ValidationError, match="still not documented"):
        _not_received(denial, Outcome.MEETS)


def test_respond_by_cannot_precede_the_request(denial: LetterData) -> None:
    data = _not_received(denial).model_dump()
    data["denial"]["information_not_received"]["respond_by"] = date(2026, 11, 1)
    with pytest.raises(ValidationError, match="respond_by"):
        LetterData.model_validate(data)


def test_the_prefilled_reason_wording_is_in_the_template() -> None:
    wording = load_templates().fmt(LetterKind.DENIAL, "not_received_reason")
    assert "{items}" in wording and "{requested_on}" in wording and "{respond_by}" in wording
