"""PAS response Bundles for each determination: valid R4B, the profile's required elements,
the structure of the guide's ClaimResponse examples, the PAS metrics, and the CLI."""

from __future__ import annotations

import json
import stat
from typing import Any

import pytest
from click.testing import CliRunner
from fhir.resources.R4B.bundle import Bundle
from pas_helpers import DATA, bundle_text, elements, import_bundle
from workflow_helpers import FAST, PASSWORDS

from ixreview.cli import cli, workflow_cmds
from ixreview.pas import codes
from ixreview.workflow import operations
from ixreview.workflow import pas as flow
from ixreview.workflow.errors import InvalidInput
from ixreview.workflow.permissions import MissingItem, denial_reasons
from ixreview.workflow.prefill import information_items

REF = "PA-2026-004211"
CLAIM_URL = "http://example.org/fhir/Claim/IxabepiloneAuthorizationExample"
PRESCRIBER_URL = "http://example.org/fhir/Practitioner/ReferralPractitionerExample"


def imported(world) -> str:
    return import_bundle(world, "complete")


def approve(world, ref: str) -> None:
    nina = world.sign_in("nina")
    operations.approve(
        world.store, nina, ref, world.pw("nina"), rationale="meets", security=world.security
    )


def deny(world, ref: str) -> None:
    nina = world.sign_in("nina")
    rev = world.store.reviews.for_request(world.store.requests.by_reference(ref).id).revision
    operations.save_answer(world.store, nina, ref, "labs.anc_per_mm3", 1000, expected_revision=rev)
    operations.refer(world.store, nina, ref, "ANC below 1,500")
    doc = world.sign_in("drpat")
    reasons = denial_reasons(operations.evaluate_review(world.store, doc, ref))
    operations.deny(world.store, doc, ref, world.pw("drpat"), reasons=reasons,
                    security=world.security)  # fmt: skip


def pend(world, ref: str) -> None:
    nina = world.sign_in("nina")
    missing = [MissingItem("Complete blood count from the last 14 days", "neutrophil count")]
    operations.pend(world.store, nina, ref, world.pw("nina"), missing=missing,
                    security=world.security)  # fmt: skip


def response(world, ref: str) -> tuple[dict[str, Any], dict[str, Any]]:
    text = flow.response_bundle(world.store, world.sign_in("nina"), ref)
    Bundle.model_validate_json(text)  # valid against the fhir.resources R4B models
    data = json.loads(text)
    assert data["type"] == "collection"
    assert data["entry"][0]["resource"]["resourceType"] == "ClaimResponse"
    return data, data["entry"][0]["resource"]


def ext(node: dict[str, Any], url: str) -> list[dict[str, Any]]:
    return [e for e in node.get("extension", []) if e["url"] == url]


def review_action(cr: dict[str, Any]) -> dict[str, Any]:
    (adjudication,) = cr["item"][0]["adjudication"]
    assert adjudication["category"]["coding"][0]["code"] == "submitted"
    (action,) = ext(adjudication, codes.EXT_REVIEW_ACTION)
    return {
        e["url"]: e.get("valueCodeableConcept", e.get("valueString")) for e in action["extension"]
    }


def check_required(bundle: dict[str, Any], cr: dict[str, Any], code: str) -> None:
    """What the PAS ClaimResponse profile requires, and that every reference resolves."""
    assert cr["meta"]["profile"] == [codes.PROFILE_CLAIM_RESPONSE]
    assert (cr["status"], cr["use"], cr["outcome"]) == ("active", "preauthorization", "complete")
    assert cr["request"]["reference"] == CLAIM_URL
    for key in ("patient", "insurer", "created", "identifier"):
        assert key in cr
    coding = review_action(cr)[codes.EXT_REVIEW_ACTION_CODE]["coding"][0]
    assert (coding["system"], coding["code"]) == ("https://codesystem.x12.org/005010/306", code)
    for item in cr["item"]:  # required by the guide's current build on every item
        (provider,) = ext(item, codes.EXT_ITEM_AUTHORIZED_PROVIDER)
        parts = {e["url"]: e for e in provider["extension"]}
        assert parts["provider"]["valueReference"]["reference"] == PRESCRIBER_URL
        assert (
            parts[codes.EXT_AUTHORIZED_PROVIDER_TYPE]["valueCodeableConcept"]["coding"][0]["code"]
            == "P3"
        )
        assert item["itemSequence"] == 1
    urls = {e["fullUrl"] for e in bundle["entry"]}
    refs = [v for k, v in _walk(bundle) if k == "reference"]
    # The Claim is the requester's own, named by its fullUrl; everything else is sent.
    assert CLAIM_URL not in urls
    assert refs and set(refs) - urls == {CLAIM_URL}


def _walk(node: Any):
    if isinstance(node, dict):
        for key, value in node.items():
            yield key, value
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def same_structure(cr: dict[str, Any], guide: str, ours_lacks: set[str] = frozenset()) -> None:
    """Every element the guide's example uses is in ours (but what we say we lack)."""
    example = json.loads((DATA / f"guide-claimresponse-{guide}.json").read_text("utf-8"))
    missing = {e for e in elements(example) - elements(cr) if not e.startswith(tuple(ours_lacks))}
    assert missing == set()


def test_approval(world) -> None:
    ref = imported(world)
    approve(world, ref)
    det = world.store.determinations.current(world.store.requests.by_reference(ref).id)
    bundle, cr = response(world, ref)
    check_required(bundle, cr, "A1")
    assert cr["preAuthRef"] == det.authorization_number
    assert cr["preAuthPeriod"] == {"start": det.period_start, "end": det.period_end}
    assert review_action(cr)["number"] == det.authorization_number
    item = cr["item"][0]
    (period,) = ext(item, codes.EXT_ITEM_PREAUTH_PERIOD)
    assert period["valuePeriod"] == {"start": det.period_start, "end": det.period_end}
    (detail,) = ext(item, codes.EXT_ITEM_AUTHORIZED_DETAIL)
    parts = {e["url"]: e for e in detail["extension"]}
    assert parts["quantity"]["valueQuantity"]["value"] == det.units
    assert parts["productOrServiceCode"]["valueCodeableConcept"]["coding"][0]["code"] == "J9207"
    # Ixreview does not price a line: the guide's unitPrice is the one element left out.
    same_structure(cr, "approved", {f"item.extension({codes.EXT_ITEM_AUTHORIZED_DETAIL})"
                                    ".extension(unitPrice)"})  # fmt: skip
    record = world.store.pas.get(det.request_id)
    assert record.final_response_at == det.decided_at


def test_denial_names_the_reason_and_the_clause(world) -> None:
    ref = imported(world)
    deny(world, ref)
    bundle, cr = response(world, ref)
    check_required(bundle, cr, "A3")
    assert "preAuthRef" not in cr and "preAuthPeriod" not in cr
    (note,) = cr["processNote"]
    assert note["text"].startswith("Not certified under clause I of ING-CC-0090")
    assert "1,000" in note["text"]
    assert cr["item"][0]["noteNumber"] == [note["number"]]
    same_structure(cr, "rejected")


def test_pend_asks_for_information_with_a_due_date_and_metrics_follow(world) -> None:
    ref = imported(world)
    pend(world, ref)
    bundle, cr = response(world, ref)
    check_required(bundle, cr, "A4")
    same_structure(cr, "pended")
    (link,) = cr["communicationRequest"]
    (comm,) = [e["resource"] for e in bundle["entry"] if e["fullUrl"] == link["reference"]]
    assert comm["resourceType"] == "CommunicationRequest" and comm["status"] == "active"
    assert comm["payload"][0]["contentString"] == codes.LOINC_LAB_REPORT
    assert "Complete blood count from the last 14 days" in comm["note"][0]["text"]
    request_id = world.store.requests.by_reference(ref).id
    record = world.store.pas.get(request_id)
    (rfi,) = record.information_requests
    assert comm["occurrencePeriod"]["end"] == rfi.respond_by
    assert rfi.answered_at is None and record.final_response_at is None
    world.clock.advance(days=3)
    operations.resume_from_pend(world.store, world.sign_in("nina"), ref, "CBC faxed")
    (rfi,) = world.store.pas.get(request_id).information_requests
    assert rfi.answered_at is not None and rfi.answered_at > rfi.requested_at


def test_cancellation_is_c(world) -> None:
    ref = imported(world)
    operations.cancel(world.store, world.sign_in("nina"), ref, reason_code="withdrawn")
    bundle, cr = response(world, ref)
    check_required(bundle, cr, "C")


def test_a_request_still_under_review_is_pending(world) -> None:
    ref = imported(world)
    bundle, cr = response(world, ref)
    check_required(bundle, cr, "A4")


def test_a_case_file_request_has_no_pas_claim_to_answer(world) -> None:
    ref = world.import_case()
    with pytest.raises(InvalidInput, match="not received as a PAS Bundle"):
        flow.response_bundle(world.store, world.sign_in("nina"), ref)


def test_cli_response_is_written_owner_only_and_never_over_a_file(
    world, tmp_path, monkeypatch
) -> None:
    monkeypatch.setattr(workflow_cmds, "SECURITY", FAST)
    imported(world)
    world.store.close()
    out = tmp_path / "response.json"
    result = CliRunner().invoke(
        cli,
        ["--db", str(world.path), "pas", "response", REF, "--out", str(out), "--user", "nina"],
        input=PASSWORDS["nina"] + "\n",
    )
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    Bundle.model_validate_json(out.read_text("utf-8"))
    again = CliRunner().invoke(
        cli,
        ["--db", str(world.path), "pas", "response", REF, "--out", str(out), "--user", "nina"],
        input=PASSWORDS["nina"] + "\n",
    )
    assert again.exit_code == 2 and "exists" in again.output
    unknown = CliRunner().invoke(
        cli,
        ["--db", str(world.path), "pas", "response", "PA-NONE", "--user", "nina"],
        input=PASSWORDS["nina"] + "\n",
    )
    assert unknown.exit_code == 2 and "Traceback" not in unknown.output


def test_minimal_bundle_round_trip_pends_for_what_it_did_not_hold(world) -> None:
    nina = world.sign_in("nina")
    ref = import_bundle(world, "minimal")
    evaluation = operations.evaluate_review(world.store, nina, ref)
    assert evaluation.outcome.value == "needs_information"
    operations.pend(world.store, nina, ref, world.pw("nina"),
                    missing=information_items(evaluation), security=world.security)  # fmt: skip
    text = flow.response_bundle(world.store, nina, ref)
    bundle = json.loads(Bundle.model_validate_json(text).model_dump_json(exclude_none=True))
    cr = bundle["entry"][0]["resource"]
    assert review_action(cr)[codes.EXT_REVIEW_ACTION_CODE]["coding"][0]["code"] == "A4"
    (comm,) = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"]
               == "CommunicationRequest"]  # fmt: skip
    assert comm["payload"][0]["contentString"] == codes.LOINC_LAB_REPORT  # labs were asked for
    sent = json.loads(bundle_text("minimal"))
    assert cr["request"]["reference"] == sent["entry"][0]["fullUrl"]
    assert cr["patient"]["reference"] in {e["fullUrl"] for e in sent["entry"]}


def test_cli_show_gives_sources_and_metrics(world, monkeypatch) -> None:
    monkeypatch.setattr(workflow_cmds, "SECURITY", FAST)
    ref = imported(world)
    pend(world, ref)
    world.store.close()

    def show(reference: str):
        return CliRunner().invoke(
            cli,
            ["--db", str(world.path), "pas", "show", reference, "--user", "nina"],
            input=PASSWORDS["nina"] + "\n",
        )

    result = show(ref)
    assert result.exit_code == 0, result.output
    assert "First submitted: 2026-11-19 15:30 UTC" in result.output
    assert "Final response: not yet" in result.output
    assert "Information requested 2026-11-22, due 20" in result.output
    assert "answered not yet" in result.output
    assert ": Bundle.entry[0].resource.diagnosis" in result.output
    missing = show("PA-NONE")
    assert missing.exit_code == 2 and "Traceback" not in missing.output


def test_a_pend_for_notes_asks_for_a_progress_note_not_a_lab_report(world) -> None:
    ref = imported(world)
    nina = world.sign_in("nina")
    missing = [MissingItem("Oncology progress note from the last visit", "treatment history")]
    operations.pend(world.store, nina, ref, world.pw("nina"), missing=missing,
                    security=world.security)  # fmt: skip
    bundle, _ = response(world, ref)
    (comm,) = [e["resource"] for e in bundle["entry"]
               if e["resource"]["resourceType"] == "CommunicationRequest"]  # fmt: skip
    assert comm["payload"][0]["contentString"] == codes.LOINC_PROGRESS_NOTE
