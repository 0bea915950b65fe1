"""The Qt-free review state: origins, validation messages at fields, persistence."""

from __future__ import annotations

import json

from helpers import example

from ixreview.domain.intake import parse_case_data
from ixreview.ui.review_state import Origin, ReviewState, page_of, to_count


def state() -> ReviewState:
    return ReviewState.from_case(parse_case_data(example()))


def test_imported_values_are_marked_and_a_change_is_an_override() -> None:
    s = state()
    assert s.origin("labs.ast_u_l") == Origin.IMPORTED
    assert s.set("labs.ast_u_l", "120")
    assert s.origin("labs.ast_u_l") == Origin.OVERRIDE
    assert s.overrides() == ["labs.ast_u_l"]
    s.set("labs.ast_u_l", "31")  # typed back to what the request said
    assert s.origin("labs.ast_u_l") == Origin.IMPORTED
    assert s.overrides() == []


def test_filling_an_empty_answer_is_entered_not_override() -> None:
    data = example()
    data["labs"]["collected_on"] = None
    s = ReviewState.from_case(parse_case_data(data))
    assert s.origin("labs.collected_on") is None
    s.set("labs.collected_on", "2026-11-10")
    assert s.origin("labs.collected_on") == Origin.ENTERED


def test_invalid_answers_give_the_domains_message_at_their_field_and_the_rest_still_evaluates() -> (
    None
):
    s = state()
    s.set("labs.anc_per_mm3", "24OO")
    s.set("diagnosis.icd10_codes", ["C50.412", "C50.9"])
    derived = s.derive()
    by_path = {f.path: f.message for f in derived.errors}
    assert by_path["labs.anc_per_mm3"] == 'must be a number (got "24OO")'
    assert "category, not a billable code" in by_path["diagnosis.icd10_codes[1]"]
    assert derived.case is not None  # built without the invalid answers
    assert derived.case.labs.anc_per_mm3 is None
    assert derived.case.diagnosis.icd10_codes == ["C50.412"]
    assert page_of("diagnosis.icd10_codes[1]") == "diagnosis"


def test_a_change_unconfirms_its_page_only() -> None:
    s = state()
    s.confirmed |= {"labs", "request"}
    s.set("labs.ast_u_l", "50")
    assert s.confirmed == {"request"}


def test_record_round_trip_keeps_origins_and_imported_values() -> None:
    s = state()
    s.set("labs.ast_u_l", "120")
    s.confirmed.add("request")
    s.units["labs.anc_per_mm3"] = "×10⁹/L"
    back = ReviewState.from_record(json.loads(json.dumps(s.to_record())))
    assert back.origin("labs.ast_u_l") == Origin.OVERRIDE
    assert back.answers["labs.ast_u_l"].imported == 31
    assert back.confirmed == {"request"}
    assert back.units == {"labs.anc_per_mm3": "×10⁹/L"}
    assert back.derive().case == s.derive().case


def test_count_units_convert_to_cells_per_mm3() -> None:
    assert to_count(1.5, "×10⁹/L") == 1500
    assert to_count(100, "×10³/µL") == 100_000
    assert to_count(2400, "cells/mm³") == 2400
