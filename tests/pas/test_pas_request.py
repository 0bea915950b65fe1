"""Reading PAS request Bundles (modelled on the guide's example bundles, with a J9207 item)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pas_helpers import bundle_data, bundle_text, entry

from ixreview.domain.intake import CaseError, parse_case_json
from ixreview.pas import looks_like_bundle
from ixreview.pas.request import read_request

EXAMPLE = Path(__file__).parents[1] / "data" / "example-case.json"


def problems(data: dict[str, object]) -> list[str]:
    with pytest.raises(CaseError) as info:
        read_request(json.dumps(data))
    return [str(f) for f in info.value.findings]


def test_complete_bundle_maps_onto_the_example_case_field_for_field() -> None:
    request = read_request(bundle_text("complete"))
    derived = request.case.model_dump(mode="json", by_alias=True, exclude_none=True)
    example = parse_case_json(EXAMPLE.read_text(encoding="utf-8")).model_dump(
        mode="json", by_alias=True, exclude_none=True
    )
    # The treatment history is not in a PAS Bundle: it stays not documented.
    example.pop("prior_therapies")
    assert derived == example
    assert request.bundle_identifier == "A12345"
    assert request.item_sequence == 1
    assert request.claim_url == "http://example.org/fhir/Claim/IxabepiloneAuthorizationExample"


def test_every_mapped_answer_names_the_fhir_path_it_came_from() -> None:
    request = read_request(bundle_text("complete"))
    sources = request.sources
    assert sources["member.id"] == "Bundle.entry[3].resource.subscriberId"
    assert sources["member.birth_date"] == "Bundle.entry[4].resource.birthDate"
    assert sources["prescriber.npi"] == "Bundle.entry[6].resource.identifier[0].value"
    assert sources["diagnosis.icd10_codes"] == "Bundle.entry[0].resource.diagnosis"
    assert sources["medication.dose_mg_per_m2"].endswith(
        ".dosageInstruction[0].doseAndRate[0].doseQuantity.value"
    )
    assert sources["labs.anc_per_mm3"] == "Bundle.entry[13].resource.valueQuantity.value"
    assert sources["biomarkers.her2"] == "Bundle.entry[9].resource.valueCodeableConcept"
    assert sources["diagnosis.extent"] == "Bundle.entry[18].resource.item[0].item[0].answer"
    # Every answer of the derived request has a source, and only those.
    data = json.loads(request.case_json)
    leaves = {
        f"{k}.{k2}" if isinstance(v, dict) else k
        for k, v in data.items()
        for k2 in (v if isinstance(v, dict) else [None])
    } - {"format"}
    assert leaves == set(sources)


def test_units_are_converted_and_hormone_receptors_combined() -> None:
    case = read_request(bundle_text("complete")).case
    assert case.labs.anc_per_mm3 == 2400  # 2.4 10*3/uL
    assert case.labs.platelets_per_mm3 == 210000
    assert case.biomarkers.hormone_receptor == "positive"  # ER positive, PR negative
    data = bundle_data("complete")
    entry(data, "Observation", 1)["valueCodeableConcept"]["coding"][0].update(
        code="260385009", display="Negative"
    )
    assert read_request(json.dumps(data)).case.biomarkers.hormone_receptor == "negative"
    entry(data, "Observation", 4)["valueQuantity"].update(code="cells/hpf", unit="cells/hpf")
    assert read_request(json.dumps(data)).case.labs.anc_per_mm3 is None  # never guessed


def test_minimal_bundle_leaves_everything_else_not_documented() -> None:
    request = read_request(bundle_text("minimal"))
    case = request.case
    assert case.reference == "PA-2026-004300"
    assert case.member.full_name == "Dolores Ibáñez" and case.member.id == "BCT884120301"
    assert case.medication.hcpcs == "J9207"
    assert str(case.medication.requested_start) == "2026-12-01"
    # No care team: the Claim's provider is who asks.
    assert case.prescriber.npi == "1234567893"
    assert case.diagnosis.icd10_codes is None and case.labs.anc_per_mm3 is None
    assert case.biomarkers.her2 is None and case.medication.dose_mg_per_m2 is None


def test_malformed_bundle_names_each_problem_by_fhir_path() -> None:
    with pytest.raises(CaseError) as info:
        read_request(bundle_text("malformed"))
    found = [str(f) for f in info.value.findings]
    assert found == [
        'Bundle.entry[0].resource.use: is "claim", not "preauthorization"',
        "Bundle.entry[0].resource.item[0].productOrService: is J9171; ixreview reviews "
        "ixabepilone (HCPCS J9207) only",
        'Bundle.entry[0].resource.insurance[0].coverage.reference: "Coverage/Missing" is '
        "not in the Bundle",
    ]


def test_other_structural_problems() -> None:
    data = bundle_data("minimal")
    data["entry"] = [e for e in data["entry"] if e["resource"]["resourceType"] != "Claim"]
    assert problems(data) == ["Bundle.entry: holds no Claim"]
    data = bundle_data("minimal")
    data["entry"].append(data["entry"].pop(0))
    data["type"] = "transaction"
    assert problems(data) == [
        'Bundle.type: is "transaction"; a PAS request Bundle is a collection',
        "Bundle.entry[0].resource: must be the Claim (the guide's ClaimFirst rule)",
    ]
    data = bundle_data("minimal")
    data["entry"].append(data["entry"][4])
    assert problems(data)[0].startswith("Bundle.entry[5].fullUrl:")
    data = bundle_data("minimal")
    del entry(data, "Claim")["item"]
    assert problems(data) == [
        "Bundle.entry[0].resource.item: is missing; the request names no J9207 item"
    ]


def test_not_fhir_r4_is_refused_with_the_model_path() -> None:
    data = bundle_data("minimal")
    entry(data, "Patient")["birthDate"] = "14/07/1962"
    found = problems(data)
    assert any(p.startswith("Bundle.entry[4].resource.birthDate") for p in found), found


def test_case_format_problem_is_reported_at_its_fhir_path() -> None:
    data = bundle_data("complete")
    entry(data, "Claim")["diagnosis"][0]["diagnosisCodeableConcept"]["coding"][0]["code"] = "C50"
    found = problems(data)
    assert len(found) == 1
    assert found[0].startswith("Bundle.entry[0].resource.diagnosis: (diagnosis.icd10_codes[0])")


def test_recognised_only_as_a_fhir_bundle() -> None:
    assert looks_like_bundle(bundle_text("minimal"))
    assert not looks_like_bundle(EXAMPLE.read_text(encoding="utf-8"))
    assert not looks_like_bundle("{not json")
    assert not looks_like_bundle('["Bundle"]')
