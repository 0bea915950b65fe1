"""A PAS request Bundle through the import door (`records.import_case`, `ixreview import`):
kept as received beside the derived request, or refused with nothing stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pas_helpers import DATA, bundle_data, bundle_text, entry
from workflow_helpers import FAST, PASSWORDS, case_data

from ixreview.cli import cli, workflow_cmds
from ixreview.domain.intake import CaseError
from ixreview.store import open_store
from ixreview.workflow import records


def counts(store) -> tuple[int, int, int]:
    conn = store.conn
    return tuple(
        int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
        for t in ("requests", "pas_requests", "reviews")
    )


def test_bundle_is_imported_and_kept_exactly_as_received(world) -> None:
    nina = world.sign_in("nina")
    raw = bundle_text("complete")
    result = records.import_case(world.store, nina, raw, policy="ING-CC-0090")
    request = world.store.requests.get(result.request_id)
    assert request.reference == "PA-2026-004211"
    record = world.store.pas.get(result.request_id)
    assert record is not None
    assert record.bundle_json == raw  # byte for byte, not re-serialized
    assert record.bundle_identifier == "A12345" and record.item_sequence == 1
    assert record.sources["member.id"] == "Bundle.entry[3].resource.subscriberId"
    # PAS metrics: the first submission is the Bundle's timestamp; no response yet.
    assert record.first_submitted_at == "2026-11-19T15:30:00.000000+00:00"
    assert record.final_response_at is None and record.information_requests == []
    created = [
        e
        for e in world.store.audit.entries()
        if e.action == "created" and e.object_type == "request"
    ]
    assert created[-1].details["received_as"] == "pas_bundle"
    assert created[-1].actor_id == nina.user_id
    # The kept Bundle cannot be changed afterwards.
    with pytest.raises(Exception, match="exactly as received"):
        world.store.conn.execute("UPDATE pas_requests SET bundle_json = '{}'")


def test_the_bundle_text_is_kept_as_sent_whatever_its_layout(world) -> None:
    # CRLF line ends, a tab, trailing blanks and non-ASCII text escaped or not, as sent
    raw = (
        bundle_text("minimal").replace("\n", "\r\n")
        .replace('"resourceType"', '\t"resourceType"', 1)
        .replace('"B56789"', '"B56789-\\u00e9-é"', 1) + "  \r\n"
    )  # fmt: skip
    result = records.import_case(world.store, world.sign_in("nina"), raw, policy="ING-CC-0090")
    record = world.store.pas.get(result.request_id)
    assert record.bundle_json == raw and record.bundle_identifier == "B56789-é-é"


@pytest.mark.parametrize(
    ("edit", "path"),
    [
        (lambda d: entry(d, "Claim").update(use="claim"), "Bundle.entry[0].resource.use"),
        (
            lambda d: entry(d, "Claim")["item"][0]["productOrService"]["coding"][0].update(
                code="J9171"
            ),
            "Bundle.entry[0].resource.item[0].productOrService",
        ),
        (
            lambda d: entry(d, "Claim")["patient"].update(reference="Patient/Nobody"),
            "Bundle.entry[0].resource.patient.reference",
        ),
    ],
)
def test_refused_bundle_stores_nothing(world, edit, path) -> None:
    nina = world.sign_in("nina")
    data = bundle_data("minimal")
    edit(data)
    before = counts(world.store)
    with pytest.raises(CaseError) as info:
        records.import_case(world.store, nina, json.dumps(data), policy="ING-CC-0090")
    assert [f.path for f in info.value.findings] == [path]
    assert counts(world.store) == before


def test_a_case_file_is_imported_as_before_without_a_bundle(world) -> None:
    nina = world.sign_in("nina")
    result = records.import_case(world.store, nina, json.dumps(case_data()), policy="ING-CC-0090")
    assert world.store.pas.get(result.request_id) is None
    created = [
        e
        for e in world.store.audit.entries()
        if e.action == "created" and e.object_type == "request"
    ]
    assert "received_as" not in created[-1].details


@pytest.fixture
def db(world, monkeypatch) -> Path | str:
    """The world's database (a file or a team server URL), its store closed."""
    monkeypatch.setattr(workflow_cmds, "SECURITY", FAST)
    world.store.close()
    return world.path


def cli_import(db: Path | str, file: Path):
    return CliRunner().invoke(
        cli,
        ["--db", str(db), "import", str(file), "--policy", "ING-CC-0090", "--user", "nina"],
        input=PASSWORDS["nina"] + "\n",
    )


def test_cli_imports_a_bundle_through_the_same_door(db) -> None:
    result = cli_import(db, DATA / "request-complete.json")
    assert result.exit_code == 0, result.output
    assert "imported PA-2026-004211" in result.output
    with open_store(db) as store:
        request = store.requests.by_reference("PA-2026-004211")
        assert store.pas.get(request.id) is not None


def test_cli_refuses_a_malformed_bundle_with_exit_2_and_each_fhir_path(db) -> None:
    result = cli_import(db, DATA / "request-malformed.json")
    assert result.exit_code == 2
    out = result.output
    assert "request-malformed.json: Bundle.entry[0].resource.use:" in out
    assert "request-malformed.json: Bundle.entry[0].resource.item[0].productOrService:" in out
    assert "Bundle.entry[0].resource.insurance[0].coverage.reference:" in out
    assert "Traceback" not in out and "was not imported" in out
    with open_store(db) as store:
        assert counts(store)[:2] == (0, 0)


def test_cli_refuses_a_bundle_that_is_not_fhir_r4(db, tmp_path) -> None:
    data = bundle_data("minimal")
    entry(data, "Patient")["birthDate"] = "14/07/1962"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    result = cli_import(db, bad)
    assert result.exit_code == 2
    assert "bad.json: Bundle.entry[4].resource.birthDate" in result.output
