"""The review as a Da Vinci DTR QuestionnaireResponse: each answer with its origin
(auto: imported from the request, override: the reviewer replaced it, manual: entered)."""

from __future__ import annotations

import json
from typing import Any

from click.testing import CliRunner
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from pas_helpers import import_bundle
from workflow_helpers import FAST, PASSWORDS

from ixreview.cli import cli, workflow_cmds
from ixreview.pas import codes
from ixreview.workflow import operations
from ixreview.workflow import pas as flow


def items_by_link(text: str) -> dict[str, dict[str, Any]]:
    QuestionnaireResponse.model_validate_json(text)  # valid against the R4B models
    data = json.loads(text)
    assert data["questionnaire"] == codes.QUESTIONNAIRE
    assert data["meta"]["profile"] == [codes.PROFILE_DTR_QR]
    return {item["linkId"]: item for item in data.get("item", [])}


def origin(item: dict[str, Any]) -> dict[str, Any]:
    (ext,) = [e for e in item["extension"] if e["url"] == codes.EXT_INFORMATION_ORIGIN]
    return {e["url"]: e.get("valueCode", e.get("valueReference")) for e in ext["extension"]}


def test_origins_auto_override_manual(world) -> None:
    nina = world.sign_in("nina")
    ref = import_bundle(world, "minimal")
    review = world.store.reviews.for_request(world.store.requests.by_reference(ref).id)
    operations.save_answers(
        world.store,
        nina,
        ref,
        {"member.id": "BCT884120399", "labs.anc_per_mm3": 2100},
        expected_revision=review.revision,
    )
    items = items_by_link(flow.questionnaire_response(world.store, nina, ref))
    # Imported untouched: auto, with the resource it was read from and its FHIR path.
    auto = origin(items["member.last_name"])
    assert auto["source"] == "auto" and "author" not in auto
    assert auto["reference"]["display"] == "Bundle.entry[4].resource.name[0].family"
    assert auto["reference"]["reference"] == "http://example.org/fhir/Patient/SubscriberExample"
    # Imported, then replaced by the reviewer: override, by her, with the source.
    over = origin(items["member.id"])
    assert over["source"] == "override" and over["author"]["display"] == "Nina Nurse, RN"
    assert over["reference"]["display"].endswith(".subscriberId")
    assert items["member.id"]["answer"] == [{"valueString": "BCT884120399"}]
    # Not in the Bundle, entered by the reviewer: manual, no source.
    manual = origin(items["labs.anc_per_mm3"])
    assert manual["source"] == "manual" and "reference" not in manual
    assert items["labs.anc_per_mm3"]["answer"] == [{"valueInteger": 2100}]
    # What neither the Bundle nor the reviewer gave is not answered at all.
    assert "biomarkers.her2" not in items
    assert items["medication.requested_start"]["answer"] == [{"valueDate": "2026-12-01"}]


def test_status_follows_the_review(world) -> None:
    nina = world.sign_in("nina")
    ref = import_bundle(world, "complete")
    text = flow.questionnaire_response(world.store, nina, ref)
    assert json.loads(text)["status"] == "in-progress"
    operations.approve(world.store, nina, ref, world.pw("nina"), rationale="meets",
                       security=world.security)  # fmt: skip
    assert json.loads(flow.questionnaire_response(world.store, nina, ref))["status"] == "completed"
    exported = [e for e in world.store.audit.entries() if e.action == "exported"]
    assert [e.details["format"] for e in exported] == ["dtr_questionnaire_response"] * 2


def test_cli_questionnaire_response(world, monkeypatch) -> None:
    monkeypatch.setattr(workflow_cmds, "SECURITY", FAST)
    ref = import_bundle(world, "complete")
    result = CliRunner().invoke(
        cli,
        ["--db", str(world.path), "pas", "questionnaire-response", ref, "--user", "nina"],
        input=PASSWORDS["nina"] + "\n",
    )
    assert result.exit_code == 0, result.output
    body = result.output[result.output.index("{") :]
    items = items_by_link(body)
    assert origin(items["biomarkers.her2"])["source"] == "auto"
