"""Reading `ixreview-case/1`: every field of the example, and one clear message per problem.

Each invalid input names its field path the way the case format writes it and says
what is wrong; the exact wording is asserted because the GUI and the CLI show it.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from domain_helpers import DROP, case, case_from, changed, example, therapy

from ixreview.domain.case import Extent, Regimen, RequestType, Setting, Status, Urgency
from ixreview.domain.drugs import DrugClass
from ixreview.domain.intake import CaseError, Finding, parse_case_data, parse_case_json


def findings(data: dict[str, Any] | str | bytes) -> list[str]:
    text = data if isinstance(data, (str, bytes)) else json.dumps(data)
    with pytest.raises(CaseError) as info:
        parse_case_json(text)
    return [str(f) for f in info.value.findings]


def problems(**changes: Any) -> list[str]:
    return findings(changed(example(), changes))


def test_the_example_reads_every_field() -> None:
    c = case()
    assert c.reference == "PA-2026-004211"
    assert c.received_at.isoformat() == "2026-11-19T09:30:00-06:00"
    assert c.received_on == date(2026, 11, 19)
    assert c.urgency == Urgency.STANDARD
    assert c.request_type == RequestType.INITIAL and not c.is_continuation
    assert c.member.full_name == "Dolores Ibáñez"
    assert c.member.address == ["1200 Magnolia Ave", "Knoxville, TN 37917"]
    assert c.prescriber.npi == "1234567893"
    assert c.medication.regimen == Regimen.WITH_CAPECITABINE
    assert (c.medication.dose_mg_per_m2, c.medication.bsa_m2, c.medication.interval_days) == (
        40,
        1.86,
        21,
    )
    assert c.diagnosis.icd10_codes == ["C50.412", "C79.51"]
    assert c.diagnosis.extent == Extent.METASTATIC
    assert c.diagnosis.no_response_to_preoperative_therapy is False
    assert c.biomarkers.her2 == Status.NEGATIVE and c.biomarkers.her2_test_on_file is True
    assert c.prior_lines_of_therapy == 2
    assert c.prior_therapies is not None
    first, second = c.prior_therapies
    assert first.resolved_class == DrugClass.ANTHRACYCLINE and first.setting == Setting.ADJUVANT
    assert second.progression_date == date(2026, 4, 20) and second.end == date(2026, 2, 15)
    assert c.anthracycline_contraindicated is False
    assert c.labs.bilirubin_uln == 1.2
    assert c.continuation is None


def test_absent_and_null_mean_not_documented_not_false() -> None:
    minimal = {
        "format": "ixreview-case/1",
        "reference": "PA-1",
        "received_at": "2026-11-19T09:30:00+00:00",
    }
    absent = case_from(minimal)
    nulls = case_from(
        {
            **minimal,
            **{k: None for k in ("member", "prescriber", "medication", "diagnosis")},
            **{k: None for k in ("biomarkers", "labs", "continuation", "prior_therapies")},
            "anthracycline_contraindicated": None,
        }
    )
    for c in (absent, nulls):
        assert c.labs.anc_per_mm3 is None
        assert c.biomarkers.her2_test_on_file is None  # not False
        assert c.anthracycline_contraindicated is None
        assert c.prior_therapies is None
        assert c.member.full_name == ""


def test_codes_are_normalized_and_agents_resolved() -> None:
    c = case(
        **{
            "diagnosis.icd10_codes": ["c50412", " Z85.3 "],
            "prior_therapies": [
                therapy("cabazitaxel", "metastatic", "2025-01-01", None, cls="taxane")
            ],
        }
    )
    assert c.diagnosis.icd10_codes == ["C50.412", "Z85.3"]
    assert c.prior_therapies is not None
    assert c.prior_therapies[0].resolved_class == DrugClass.TAXANE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '{"format": "ixreview-case/1",',
            "malformed JSON at line 1, column 30: Expecting property name",
        ),
        ("", "malformed JSON at line 1, column 1: Expecting value"),
        ("[]", "the case file must hold one JSON object"),
        ('"ixreview-case/1"', "the case file must hold one JSON object"),
        (b"\xff\xfe\xfd", "the case file is not UTF-8 text"),
    ],
)
def test_unreadable_files(text: str | bytes, expected: str) -> None:
    (message,) = findings(text)
    assert message.startswith(expected)


@pytest.mark.parametrize(
    "text",
    ["[" * 200_000 + "]" * 200_000, '{"prior_lines_of_therapy": ' + "9" * 5000 + "}"],
    ids=["absurd-nesting", "5000-digit-number"],
)
def test_pathological_json_is_an_input_error_not_a_crash(text: str) -> None:
    (message,) = findings(text)
    assert message.startswith("the case file cannot be read as JSON")


ENUM_CASES = [
    ("urgency", "urgent", "'standard' or 'expedited'"),
    ("request_type", "renewal", "'initial' or 'continuation'"),
    (
        "medication.regimen",
        "with_paclitaxel",
        "'monotherapy', 'with_capecitabine' or 'with_trastuzumab'",
    ),
    (
        "diagnosis.extent",
        "advanced",
        "'early', 'locally_advanced', 'locally_recurrent', "
        "'recurrent_unresectable' or 'metastatic'",
    ),
    ("biomarkers.her2", "equivocal", "'positive', 'negative' or 'unknown'"),
    ("biomarkers.hormone_receptor", "Positive", "'positive', 'negative' or 'unknown'"),
    ("prior_therapies.0.setting", "palliative", "'neoadjuvant', 'adjuvant' or 'metastatic'"),
]


@pytest.mark.parametrize(("path", "value", "expected"), ENUM_CASES)
def test_wrong_enum_values(path: str, value: str, expected: str) -> None:
    shown = path.replace(".0.", "[0].")
    assert problems(**{path: value}) == [f'{shown}: "{value}" is not allowed; expected {expected}']


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"colour": "red"}, "colour: is not a field of the ixreview-case/1 format"),
        ({"labs.anc": 2400}, "labs.anc: is not a field of the ixreview-case/1 format"),
        (
            {"continuation": {"prior_auth": "X"}},
            "continuation.prior_auth: is not a field of the ixreview-case/1 format",
        ),
        # "class" is the format's name; the Python attribute name is not a synonym.
        (
            {"prior_therapies.0.drug_class": "anthracycline"},
            "prior_therapies[0].drug_class: is not a field of the ixreview-case/1 format",
        ),
        (
            {"format": "ixreview-case/2"},
            "format: \"ixreview-case/2\" is not allowed; expected 'ixreview-case/1'",
        ),
        ({"format": DROP}, "format: is required"),
        ({"reference": DROP}, "reference: is required"),
        ({"received_at": DROP}, "received_at: is required"),
        ({"reference": "PA 2026"}, 'reference: "PA 2026" has characters that are not allowed'),
        (
            {"received_at": "2026-11-19T09:30:00"},
            "received_at: must include a UTC offset (for example -06:00) "
            '(got "2026-11-19T09:30:00")',
        ),
        (
            {"received_at": "2026-11-19"},
            'received_at: must be a timestamp in ISO 8601 with an offset (got "2026-11-19")',
        ),
        (
            {"prior_therapies.0.start": "2026-02-30"},
            'prior_therapies[0].start: must be a date written YYYY-MM-DD (got "2026-02-30")',
        ),
        (
            {"member.birth_date": "14/07/1962"},
            'member.birth_date: must be a date written YYYY-MM-DD (got "14/07/1962")',
        ),
        (
            {"medication.requested_start": "2026-13-01"},
            'medication.requested_start: must be a date written YYYY-MM-DD (got "2026-13-01")',
        ),
        (
            {"prior_therapies.0.end": "2022-02-28"},
            "prior_therapies[0]: end 2022-02-28 is before start 2022-03-01",
        ),
        (
            {"prior_therapies.1.progression_date": "2025-08-31"},
            "prior_therapies[1]: progression_date 2025-08-31 is before start 2025-09-01",
        ),
        ({"labs.anc_per_mm3": -1}, "labs.anc_per_mm3: -1 is impossible; it must be at least 0.0"),
        ({"labs.ast_u_l": -0.5}, "labs.ast_u_l: -0.5 is impossible; it must be at least 0.0"),
        ({"labs.ast_uln": 0}, "labs.ast_uln: 0 is impossible; it must be greater than 0.0"),
        (
            {"medication.dose_mg_per_m2": 0},
            "medication.dose_mg_per_m2: 0 is impossible; it must be greater than 0.0",
        ),
        (
            {"medication.dose_mg_per_m2": 400},
            "medication.dose_mg_per_m2: 400 is impossible; it must be at most 200.0",
        ),
        ({"medication.bsa_m2": 6}, "medication.bsa_m2: 6 is impossible; it must be at most 5.0"),
        (
            {"medication.interval_days": 0},
            "medication.interval_days: 0 is impossible; it must be at least 1",
        ),
        (
            {"prior_lines_of_therapy": -1},
            "prior_lines_of_therapy: -1 is impossible; it must be at least 0",
        ),
        (
            {"prior_lines_of_therapy": 2.5},
            "prior_lines_of_therapy: must be a whole number (got 2.5)",
        ),
        (
            {"medication.hcpcs": "J9999"},
            "medication.hcpcs: \"J9999\" is not allowed; expected 'J9207'",
        ),
        (
            {"prescriber.npi": "1234567890"},
            'prescriber.npi: "1234567890" is not a valid NPI: its check digit is wrong',
        ),
        (
            {"prescriber.npi": "123456789"},
            'prescriber.npi: "123456789" is not an NPI: it must be exactly 10 digits',
        ),
        (
            {"prescriber.npi": "12345678931"},
            'prescriber.npi: "12345678931" is not an NPI: it must be exactly 10 digits',
        ),
        (
            {"prescriber.npi": "12345A7893"},
            'prescriber.npi: "12345A7893" is not an NPI: it must be exactly 10 digits',
        ),
        (
            {"diagnosis.icd10_codes": ["C50.999"]},
            'diagnosis.icd10_codes[0]: "C50.999" is not a valid ICD-10-CM code',
        ),
        (
            {"diagnosis.icd10_codes": ["C50.412", "C50.41"]},
            'diagnosis.icd10_codes[1]: "C50.41" is an ICD-10-CM category, not a billable code; '
            "give the full code (more characters)",
        ),
        (
            {"diagnosis.icd10_codes": ["C50"]},
            'diagnosis.icd10_codes[0]: "C50" is an ICD-10-CM category, not a billable code; '
            "give the full code (more characters)",
        ),
        (
            {"diagnosis.icd10_codes": "C50.412"},
            'diagnosis.icd10_codes: must be a list (got "C50.412")',
        ),
        (
            {"prior_therapies.0": {"agent": "utidelone", "setting": "metastatic"}},
            'prior_therapies[0]: agent "utidelone" is not a known drug; give its "class" '
            "(taxane, anthracycline, capecitabine, trastuzumab, endocrine or other)",
        ),
        (
            {"prior_therapies.0": {"agent": "Taxol", "class": "anthracycline"}},
            'prior_therapies[0]: class "anthracycline" contradicts "Taxol", which is a taxane',
        ),
        (
            {"prior_therapies.0": {"agent": "Kadcyla", "class": "trastuzumab"}},
            'prior_therapies[0]: class "trastuzumab" contradicts "Kadcyla", which the '
            'vocabulary classes as "other" (not a taxane, anthracycline, capecitabine, '
            "trastuzumab or endocrine therapy)",
        ),
        (
            {"prior_therapies.0": {"agent": "Adriamycin", "class": "taxane"}},
            'prior_therapies[0]: class "taxane" contradicts "Adriamycin", '
            "which is an anthracycline",
        ),
        (
            {"prior_therapies.0": {"agent": "paclitaxel", "class": "trastuzumab"}},
            'prior_therapies[0]: class "trastuzumab" contradicts "paclitaxel", which is a taxane',
        ),
        (
            {"prior_therapies.0": {"agent": "Ogivri", "class": "other"}},
            'prior_therapies[0]: class "other" contradicts "Ogivri", '
            "which is trastuzumab or a trastuzumab biosimilar",
        ),
        (
            {"prior_therapies.0": {"agent": "vinorelbine", "class": "vinca"}},
            "prior_therapies[0].class: \"vinca\" is not allowed; expected 'taxane', "
            "'anthracycline', "
            "'capecitabine', 'trastuzumab', 'endocrine' or 'other'",
        ),
        ({"prior_therapies.0": {"setting": "adjuvant"}}, "prior_therapies[0].agent: is required"),
        ({"prior_therapies.0.agent": " "}, 'prior_therapies[0].agent: must not be empty (got " ")'),
        ({"member": "Dolores"}, 'member: must be an object (got "Dolores")'),
        (
            {"member.birth_date": "2027-01-01"},
            "member.birth_date: 2027-01-01 is after received_at 2026-11-19",
        ),
        (
            {"labs.collected_on": "2026-11-20"},
            "labs.collected_on: 2026-11-20 is after received_at 2026-11-19",
        ),
        (
            {"continuation": {"unacceptable_toxicity": False}},
            'continuation: is given but request_type is "initial"',
        ),
    ],
)
def test_invalid_input_names_the_field(changes: dict[str, Any], expected: str) -> None:
    assert problems(**changes) == [expected]


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        # JSON types are strict: a case file is an external contract.
        ("labs.anc_per_mm3", True, "must be a number (got true)"),
        ("labs.platelets_per_mm3", "210000", 'must be a number (got "210000")'),
        ("anthracycline_contraindicated", "no", 'must be true or false (got "no")'),
        ("biomarkers.her2_test_on_file", 1, "must be true or false (got 1)"),
        ("prior_therapies.0.start", 0, "must be a date written YYYY-MM-DD (got 0)"),
        ("prior_lines_of_therapy", True, "must be a whole number (got true)"),
        (
            "received_at",
            1763566200,
            "must be a timestamp in ISO 8601 with an offset (got 1763566200)",
        ),
        ("member.address", "1200 Magnolia Ave", 'must be a list (got "1200 Magnolia Ave")'),
    ],
)
def test_wrong_json_types_are_errors_not_coerced(path: str, value: Any, expected: str) -> None:
    assert problems(**{path: value}) == [f"{path.replace('.0.', '[0].')}: {expected}"]


def test_non_finite_numbers_are_rejected() -> None:
    text = json.dumps(example()).replace('"anc_per_mm3": 2400', '"anc_per_mm3": NaN')
    assert findings(text) == ["labs.anc_per_mm3: must be a finite number (got NaN)"]


def test_every_problem_is_reported_at_once() -> None:
    got = problems(
        **{
            "urgency": "soon",
            "labs.anc_per_mm3": -5,
            "prescriber.npi": "1234567890",
            "diagnosis.icd10_codes": ["C50.412", "C50.999"],
            "prior_therapies.1.end": "2025-01-01",
        }
    )
    assert [g.split(":")[0] for g in got] == [
        "urgency",
        "prescriber.npi",
        "diagnosis.icd10_codes[1]",
        "prior_therapies[1]",
        "labs.anc_per_mm3",
    ]


def test_known_agent_may_repeat_its_class_and_unknown_agent_with_class_is_accepted() -> None:
    c = case(
        **{
            "prior_therapies": [
                {"agent": "Adriamycin", "class": "anthracycline"},
                {"agent": "eribulin", "class": "other"},
            ]
        }
    )
    assert c.prior_therapies is not None
    assert [t.resolved_class for t in c.prior_therapies] == [
        DrugClass.ANTHRACYCLINE,
        DrugClass.OTHER,
    ]


def test_timestamps_keep_their_offset() -> None:
    c = case(received_at="2026-11-20T03:30:00+09:00")
    assert c.received_on == date(2026, 11, 20)  # the plan's local date, not UTC's
    assert case(received_at="2026-11-19T09:30:00Z").received_at.utcoffset() is not None


def test_parse_case_data_reads_python_values_and_reports_findings() -> None:
    assert parse_case_data(example()).reference == "PA-2026-004211"
    with pytest.raises(CaseError) as info:
        parse_case_data(["not", "an", "object"])
    assert info.value.findings == [Finding("", "the case file must hold one JSON object")]
    assert str(Finding("labs.anc_per_mm3", "x")) == "labs.anc_per_mm3: x"


def test_deep_but_parseable_nesting_is_an_input_error() -> None:
    text = '{"member": ' + "[" * 950 + "]" * 950 + "}"
    with pytest.raises(CaseError) as info:
        parse_case_json(text)
    (finding,) = info.value.findings
    assert finding.path == ""
    assert "recursion" in finding.message  # which parser gives up first depends on the stack


def test_every_cross_field_problem_is_reported_at_its_own_path() -> None:
    assert problems(
        **{
            "member.birth_date": "2027-01-01",
            "labs.collected_on": "2026-11-20",
            "continuation": {"unacceptable_toxicity": False},
        }
    ) == [
        "member.birth_date: 2027-01-01 is after received_at 2026-11-19",
        "labs.collected_on: 2026-11-20 is after received_at 2026-11-19",
        'continuation: is given but request_type is "initial"',
    ]


# -- duplicate keys -------------------------------------------------------------------------


def test_a_key_given_twice_is_an_error_naming_its_object() -> None:
    text = json.dumps(example()).replace(
        '"anc_per_mm3": 2400', '"anc_per_mm3": 2400, "anc_per_mm3": 900'
    )
    assert findings(text) == ["labs: the field anc_per_mm3 appears twice"]


def test_duplicates_at_the_top_in_lists_and_three_times_are_all_named() -> None:
    text = json.dumps(example())
    text = text.replace('"urgency": "standard"', '"urgency": "standard", "urgency": "expedited"')
    text = text.replace('"agent": "docetaxel"', '"agent": "docetaxel", "agent": "docetaxel"')
    text = text.replace('"hcpcs": "J9207"', '"hcpcs": "J9207", "hcpcs": "J9207", "hcpcs": "J9207"')
    assert findings(text) == [
        "the field urgency appears twice",
        "medication: the field hcpcs appears 3 times",
        "prior_therapies[1]: the field agent appears twice",
    ]


def test_duplicates_are_reported_with_the_other_problems() -> None:
    text = json.dumps(changed(example(), {"urgency": "soon"})).replace(
        '"her2": "negative"', '"her2": "negative", "her2": "positive"'
    )
    got = findings(text)
    assert got[0] == "biomarkers: the field her2 appears twice"
    assert any(f.startswith("urgency: ") for f in got[1:])


def test_a_key_once_in_each_of_two_objects_is_not_a_duplicate() -> None:
    # "end" in two therapies, "address" in member and prescriber: distinct objects
    assert parse_case_json(json.dumps(example())).reference == "PA-2026-004211"
