"""Prefilled words for denials and requests for information."""

from __future__ import annotations

from ixreview.domain.evaluation import Evaluation
from ixreview.workflow.permissions import denial_reasons
from ixreview.workflow.prefill import information_items, words_for


def test_request_for_information_items_say_what_and_why(needs_info: Evaluation) -> None:
    items = information_items(needs_info)
    assert [i.item for i in items] == ["A recent absolute neutrophil count"]
    assert "needed to decide criterion" in items[0].why_needed
    assert "ANC" not in items[0].item


def test_unknown_and_indexed_paths_fall_back_to_words() -> None:
    assert words_for("prior_therapies.0.progression_date").startswith("the date the disease")
    assert words_for("something.odd_field") == "something odd field"


def test_denial_reasons_are_the_engines_plain_reasons(not_meets: Evaluation) -> None:
    assert list(denial_reasons(not_meets).values()) == [not_meets.clause("NA.I").reason]
