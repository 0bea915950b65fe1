"""Prefilled words for denials and requests for information."""

from __future__ import annotations

from workflow_helpers import case_data, evaluation_of

from ixreview.domain.evaluation import Evaluation
from ixreview.workflow.permissions import denial_reasons
from ixreview.workflow.prefill import FIELD_WORDS, WHY_WORDS, information_items, words_for


def test_request_for_information_items_say_what_and_why(needs_info: Evaluation) -> None:
    items = information_items(needs_info)
    assert [i.item for i in items] == ["A recent absolute neutrophil count"]
    why = items[0].why_needed
    assert why.startswith("The drug must not be started when the neutrophil count")
    assert "criterion" not in why and "NA.I" not in why
    assert "ANC" not in items[0].item


def test_every_field_with_words_has_a_plain_why() -> None:
    assert set(FIELD_WORDS) <= set(WHY_WORDS)
    assert WHY_WORDS["biomarkers.her2_test_on_file"].startswith(
        "The HER2 test report shows whether the cancer makes too much of the HER2 protein"
    )


def test_unknown_and_indexed_paths_fall_back_to_words() -> None:
    assert words_for("prior_therapies.0.progression_date").startswith("the date the disease")
    assert words_for("something.odd_field") == "something odd field"


def test_denial_reasons_are_the_policys_plain_words(not_meets: Evaluation) -> None:
    clause = not_meets.clause("NA.I")
    assert list(denial_reasons(not_meets).values()) == [clause.denial_reason or clause.reason]
    empty = not_meets.model_copy(
        update={"clauses": [c.model_copy(update={"denial_reason": ""}) for c in not_meets.clauses]}
    )
    assert list(denial_reasons(empty).values()) == [clause.reason]  # the fallback


def test_catch_all_exclusions_are_not_denial_reasons() -> None:
    ing = evaluation_of(case_data(**{"labs.anc_per_mm3": 1000, "prior_lines_of_therapy": 1}))
    assert ing.clause("NA.III").status.value == "met"
    assert "NA.III" not in denial_reasons(ing)
    bcbst = evaluation_of(case_data(**{"diagnosis.extent": "early"}), "BCBST-IXEMPRA")
    assert bcbst.clause("OTHER").status.value == "met"
    assert list(denial_reasons(bcbst)) == ["BC"]
