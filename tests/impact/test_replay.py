"""Policy impact replay through the workflow: read-only, audited, members for reviewers."""

from __future__ import annotations

import json

import pytest
from impact_helpers import BCBST_CASES, FAST, PASSWORDS, World, day, sample

from ixreview.workflow import impact, operations
from ixreview.workflow.errors import InvalidInput, NotPermitted


def _snapshot(world: World) -> dict[str, list]:
    conn = world.store.conn
    return {
        t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
        for t in ("requests", "reviews", "determinations")
    }


def test_replay_under_the_draft_lists_each_request_and_what_changes(world: World) -> None:
    refs = world.import_bcbst()
    world.store.import_case(json.dumps(sample("ing-approval-trastuzumab.json")))
    nurse = world.sign_in("nina")
    before = _snapshot(world)
    report = impact.replay(world.store, nurse, "BCBST-IXEMPRA@draft")
    assert _snapshot(world) == before  # read-only
    by_ref = {r.reference: r for r in report.rows}
    assert set(by_ref) == set(refs.values())  # only requests under a BCBST version
    for name, (now, under) in BCBST_CASES.items():
        row = by_ref[refs[name]]
        assert (row.outcome_now, row.outcome_under) == (now, under)
        assert row.member is None  # not asked for
    cap = by_ref[refs["bcbst-approval-capecitabine.json"]]
    assert cap.change == "meets the criteria → does not meet the criteria"
    assert ("BC", "met", "not_met") in cap.changed_clauses
    assert report.by_change() == {"meets the criteria → does not meet the criteria": 2}
    assert report.by_clause()["BC"] == 2 and report.members_affected == 2
    data = report.to_json()
    assert data["changed"] == 2 and len(data["rows"]) == 4
    assert set(data["rows"][0]) >= {"reference", "outcome_now", "outcome_under", "changed_clauses"}
    last = world.store.conn.execute(
        "SELECT action, object_type, object_id, actor_id, details_json FROM audit_log"
        " ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    assert last[:3] == ("viewed", "policy_impact", "BCBST-IXEMPRA@draft")
    assert last[3] == nurse.user_id and '"changed": 2' in last[4]
    assert "Łukasz" not in last[4] and "Wiśniewski" not in last[4]


def test_members_only_for_reviewers_who_ask(world: World) -> None:
    world.import_bcbst()
    report = impact.replay(world.store, world.sign_in("drpat"), "BCBST-IXEMPRA@draft", members=True)
    assert all(r.member for r in report.rows)
    assert "member" in report.csv_rows()[0]
    with pytest.raises(NotPermitted, match="reviewer"):
        impact.replay(world.store, world.sign_in("admin"), "BCBST-IXEMPRA@draft", members=True)
    admin_view = impact.replay(world.store, world.sign_in("admin"), "BCBST-IXEMPRA@draft")
    assert all(r.member is None for r in admin_view.rows)


def test_saved_answers_are_the_facts_replayed_and_the_period_filters(world: World) -> None:
    refs = world.import_bcbst()
    nurse = world.sign_in("nina")
    ref = refs["bcbst-continuation.json"]
    request = world.store.requests.by_reference(ref)
    revision = world.store.reviews.for_request(request.id).revision
    operations.save_answer(
        world.store, nurse, ref, "labs.anc_per_mm3", 900, expected_revision=revision
    )
    report = impact.replay(world.store, nurse, "BCBST-IXEMPRA@draft")
    row = next(r for r in report.rows if r.reference == ref)
    assert (row.outcome_now, row.outcome_under) == (
        "does_not_meet_criteria",
        "does_not_meet_criteria",
    )
    received = {r.reference: r.received_on for r in report.rows}
    first = min(received.values())
    only = impact.replay(
        world.store, nurse, "BCBST-IXEMPRA@draft", start=day(first), end=day(first)
    )
    assert {r.received_on for r in only.rows} == {first}


def test_bad_policy_and_period_are_refused_in_words(world: World) -> None:
    nurse = world.sign_in("nina")
    with pytest.raises(InvalidInput, match=r"policy: .*no version"):
        impact.replay(world.store, nurse, "BCBST-IXEMPRA@nope")
    with pytest.raises(InvalidInput, match="to: the end date is before"):
        impact.replay(
            world.store,
            nurse,
            "BCBST-IXEMPRA@draft",
            start=day("2026-02-01"),
            end=day("2026-01-01"),
        )


def test_a_draft_still_never_decides(world: World) -> None:
    refs = world.import_bcbst()
    nurse = world.sign_in("nina")
    impact.replay(world.store, nurse, "BCBST-IXEMPRA@draft")
    ref = refs["bcbst-approval-capecitabine.json"]
    with pytest.raises(Exception, match=r"(?i)draft|cannot use"):
        operations.approve(
            world.store, nurse, ref, PASSWORDS["nina"], policy="BCBST-IXEMPRA@draft", security=FAST
        )
    assert world.store.conn.execute("SELECT count(*) FROM determinations").fetchone()[0] == 0


def test_cancel_stops_the_replay_and_is_audited(world: World) -> None:
    world.import_bcbst()
    with pytest.raises(impact.ReplayCancelled):
        impact.replay(
            world.store, world.sign_in("nina"), "BCBST-IXEMPRA@draft", cancelled=lambda: True
        )
    last = world.store.conn.execute(
        "SELECT details_json FROM audit_log ORDER BY seq DESC LIMIT 1"
    ).fetchone()[0]
    assert '"cancelled": true' in last


def test_committee_packet_names_members_only_when_shown(world: World) -> None:
    world.import_bcbst()
    nurse = world.sign_in("nina")
    plain = impact.replay(world.store, nurse, "BCBST-IXEMPRA@draft")
    pdf = impact.packet(world.store, nurse, plain)
    assert pdf.startswith(b"%PDF")
    text = _pdf_text(pdf)
    assert "BCBST-IXEMPRA@draft" in text and "Nina Nurse, RN" in text
    assert "Wiśniewski" not in text and "Chair" in text
    named = impact.replay(world.store, nurse, "BCBST-IXEMPRA@draft", members=True)
    assert "Wiśniewski" in _pdf_text(impact.packet(world.store, nurse, named))
    exports = world.store.conn.execute(
        "SELECT count(*) FROM audit_log WHERE action = 'exported' AND object_type = 'policy_impact'"
    ).fetchone()[0]
    assert exports == 2


def _pdf_text(pdf: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_replay_judges_labs_by_the_plans_age_limit(world: World) -> None:
    from datetime import date, timedelta

    from ixreview.workflow.plan_rules import set_lab_max_age

    data = sample("ing-approval-trastuzumab.json")
    received = date.fromisoformat(data["received_at"][:10])
    data["labs"]["collected_on"] = (received - timedelta(days=41)).isoformat()
    reference = world.store.import_case(json.dumps(data), policy="ING-CC-0090").reference
    nurse = world.sign_in("nina")

    def outcome() -> str | None:
        report = impact.replay(world.store, nurse, "ING-CC-0090")
        return {r.reference: r.outcome_now for r in report.rows}[reference]

    assert outcome() == "needs_information"
    set_lab_max_age(world.store, world.sign_in("admin"), 45)
    assert outcome() == "meets_criteria"
