"""Requests, reviews, determinations, letters, users, settings and the unit of work."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from store_helpers import FixedClock, approval, case_text, denial

from ixreview.domain.intake import CaseError
from ixreview.store import (
    Answer,
    AnswerOrigin,
    ClockSettings,
    ConflictError,
    DuplicateReferenceError,
    InvalidRecordError,
    NotFoundError,
    PolicyNotAssignable,
    ReviewState,
    Store,
    User,
    open_store,
)


def test_import_keeps_the_document_exactly_and_computes_the_due_time(store: Store) -> None:
    raw = case_text()
    result = store.import_case(raw, policy="ING-CC-0090")
    request = store.requests.by_reference("PA-2026-004211")
    assert request.intake_json == raw
    assert request.received_at == "2026-11-19T15:30:00.000000+00:00"  # 09:30 at -06:00
    assert request.decision_due_at == "2026-12-04T15:30:00.000000+00:00"  # standard: 15 days
    assert result.decision_due_at == request.decision_due_at
    assert request.member_name == "Dolores Ibáñez"
    assert request.case().member.id == "BCT884120301"
    review = store.reviews.for_request(request.id)
    assert review.state == ReviewState.DRAFT and review.revision == 1
    assert result.warnings == []


def test_expedited_clock_comes_from_settings(store: Store) -> None:
    first = store.import_case(case_text(reference="E-1", urgency="expedited"))
    assert first.decision_due_at == "2026-11-22T15:30:00.000000+00:00"  # 72 h
    store.settings.set_clocks(ClockSettings(expedited_hours=24, standard_days=14))
    second = store.import_case(
        case_text(reference="E-2", urgency="expedited", **{"member.id": "OTHER"})
    )
    assert second.decision_due_at == "2026-11-20T15:30:00.000000+00:00"
    assert store.settings.clocks() == ClockSettings(24, 14)


def test_invalid_case_is_refused_with_field_paths(store: Store) -> None:
    with pytest.raises(CaseError) as err:
        store.import_case(case_text(urgency="whenever", **{"labs.anc_per_mm3": "many"}))
    paths = {f.path for f in err.value.findings}
    assert {"urgency", "labs.anc_per_mm3"} <= paths
    assert store.conn.execute("SELECT count(*) FROM requests").fetchone()[0] == 0


def test_duplicate_reference_is_refused(store: Store) -> None:
    store.import_case(case_text())
    with pytest.raises(DuplicateReferenceError, match=r"PA-2026-004211.*already on record"):
        store.import_case(case_text(**{"member.id": "SOMEONE-ELSE"}))
    assert store.conn.execute("SELECT count(*) FROM requests").fetchone()[0] == 1


def test_member_with_open_review_or_authorization_in_force_gets_warnings(
    store: Store, nurse: User
) -> None:
    first = store.import_case(case_text(reference="R-1"))
    second = store.import_case(case_text(reference="R-2"))
    assert any("R-1 under review (draft)" in w for w in second.warnings)

    store.determinations.add(approval(store, first.request_id, nurse.id, number="AUTH-9"))
    review = store.reviews.for_request(first.request_id)
    store.reviews.save(replace(review, state=ReviewState.DECIDED))
    third = store.import_case(case_text(reference="R-3"))
    assert any("Authorization AUTH-9" in w and "2027-05-31" in w for w in third.warnings)
    assert any("R-2 under review" in w for w in third.warnings)
    assert not any("R-1 under review" in w for w in third.warnings)
    other = store.import_case(
        case_text(reference="R-4", **{"member.id": "ANOTHER"}), policy="ING-CC-0090"
    )
    assert other.warnings == []


def test_continuation_links_to_the_named_or_latest_approval(store: Store, nurse: User) -> None:
    a = store.import_case(case_text(reference="A"))
    d1 = store.determinations.add(approval(store, a.request_id, nurse.id, number="AUTH-A"))
    b = store.import_case(case_text(reference="B"))
    d2 = store.determinations.add(approval(store, b.request_id, nurse.id, number="AUTH-B"))
    named = store.import_case(
        case_text(
            reference="C1",
            request_type="continuation",
            continuation={"prior_authorization": "AUTH-A"},
        )
    )
    assert named.continuation_of == d1.id
    latest = store.import_case(
        case_text(reference="C2", request_type="continuation", continuation={})
    )
    assert latest.continuation_of == d2.id
    assert store.requests.get(latest.request_id).continuation_of == d2.id
    unknown = store.import_case(
        case_text(
            reference="C3",
            request_type="continuation",
            continuation={"prior_authorization": "AUTH-NOPE"},
        )
    )
    assert unknown.continuation_of is None
    assert any("AUTH-NOPE is not on record" in w for w in unknown.warnings)


def test_requests_are_immutable_and_never_deleted(store: Store) -> None:
    store.import_case(case_text())
    with pytest.raises(sqlite3.IntegrityError, match="exactly as received"):
        store.conn.execute("UPDATE requests SET intake_json = '{}'")
    with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
        store.conn.execute("DELETE FROM requests")


def test_review_save_round_trips_answers_and_bumps_revision(store: Store, nurse: User) -> None:
    rid = store.import_case(case_text()).request_id
    review = store.reviews.for_request(rid)
    at = "2026-11-22T12:00:00.000000+00:00"
    review.answers["labs.anc_per_mm3"] = Answer(2400, AnswerOrigin.IMPORTED, None, at)
    review.answers["biomarkers.her2"] = Answer(
        "negative", AnswerOrigin.OVERRIDE, nurse.id, at, imported_value="unknown"
    )
    review.clause_comments["II.A"] = "HER2 report on page 3"
    review.comment = "Waiting for nothing."
    saved = store.reviews.save(review, actor=nurse.id)
    assert saved.revision == 2
    loaded = store.reviews.get(review.id)
    assert loaded.answers == review.answers
    assert loaded.clause_comments == {"II.A": "HER2 report on page 3"}
    assert loaded.comment == "Waiting for nothing." and loaded.updated_by == nurse.id
    entry = store.audit.entries(object_type="review", object_id=review.id)[-1]
    assert entry.details["answers"] == ["biomarkers.her2", "labs.anc_per_mm3"]
    assert "negative" not in str(entry.details)  # names of fields, never values


def test_stale_revision_gets_a_conflict_not_an_overwrite(store: Store) -> None:
    rid = store.import_case(case_text()).request_id
    window_a = store.reviews.for_request(rid)
    window_b = store.reviews.for_request(rid)
    window_a.comment = "from A"
    store.reviews.save(window_a)
    window_b.comment = "from B"
    with pytest.raises(ConflictError, match="revision 2; your copy is revision 1"):
        store.reviews.save(window_b)
    assert store.reviews.for_request(rid).comment == "from A"


def test_determinations_and_letters_are_immutable(store: Store, nurse: User) -> None:
    rid = store.import_case(case_text()).request_id
    det = store.determinations.add(approval(store, rid, nurse.id))
    letter = store.determinations.add_letter(
        det.id, b"%PDF-1.7 signed", signer_id=nurse.id, signed_at=datetime(2026, 11, 22, tzinfo=UTC)
    )
    assert letter.sha256 == hashlib.sha256(b"%PDF-1.7 signed").hexdigest()
    assert det.evaluation().authorization is not None
    for sql in (
        "UPDATE determinations SET decision = 'A3'",
        "DELETE FROM determinations",
        "UPDATE letters SET pdf = x'00'",
        "DELETE FROM letters",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="immutable"):
            store.conn.execute(sql)


def test_a_correction_supersedes_the_current_determination(
    store: Store, nurse: User, physician: User
) -> None:
    rid = store.import_case(case_text()).request_id
    first = store.determinations.add(approval(store, rid, nurse.id))
    with pytest.raises(InvalidRecordError, match="must supersede"):
        store.determinations.add(denial(store, rid, physician.id))
    with pytest.raises(InvalidRecordError, match="correction_reason"):
        store.determinations.add(denial(store, rid, physician.id, supersedes_id=first.id))
    second = store.determinations.add(
        denial(store, rid, physician.id, supersedes_id=first.id, correction_reason="Wrong labs.")
    )
    assert store.determinations.current(rid) == second
    assert store.determinations.get(first.id) == first  # kept as it was
    with pytest.raises(InvalidRecordError, match="already has determination"):
        store.determinations.add(
            denial(store, rid, physician.id, supersedes_id=first.id, correction_reason="again")
        )


def test_approval_without_authorization_is_refused(store: Store, nurse: User) -> None:
    rid = store.import_case(case_text()).request_id
    with pytest.raises(InvalidRecordError, match="authorization number"):
        store.determinations.add(replace(approval(store, rid, nurse.id), units=None))


def test_unit_of_work_commits_all_or_nothing(store: Store, physician: User) -> None:
    rid = store.import_case(case_text()).request_id
    entries_before = len(store.audit.entries())
    review = store.reviews.for_request(rid)
    with pytest.raises(RuntimeError), store.transaction():
        det = store.determinations.add(denial(store, rid, physician.id))
        store.determinations.add_letter(
            det.id, b"%PDF", signer_id=physician.id, signed_at=datetime.now(UTC)
        )
        store.reviews.save(replace(review, state=ReviewState.DECIDED))
        raise RuntimeError("printer on fire")
    assert store.determinations.for_request(rid) == []
    assert store.conn.execute("SELECT count(*) FROM letters").fetchone()[0] == 0
    assert store.reviews.for_request(rid).state == ReviewState.DRAFT
    assert len(store.audit.entries()) == entries_before
    with store.transaction():
        det = store.determinations.add(denial(store, rid, physician.id))
        store.determinations.add_letter(
            det.id, b"%PDF", signer_id=physician.id, signed_at=datetime.now(UTC)
        )
        store.reviews.save(replace(review, state=ReviewState.DECIDED))
    actions = [e.action for e in store.audit.entries()[entries_before:]]
    assert actions == ["decided", "signed", "changed"]
    assert store.verify_audit_chain().ok


def test_users_are_updated_and_deactivated_never_deleted(store: Store, nurse: User) -> None:
    updated = store.users.update(nurse.id, failed_attempts=3, password_hash="argon2$x")
    assert updated.failed_attempts == 3 and updated.password_hash == "argon2$x"
    assert store.users.by_username("NURSE1") == updated  # usernames ignore case
    with pytest.raises(InvalidRecordError, match="already taken"):
        store.users.create("Nurse1", "Other", "nurse")
    with pytest.raises(InvalidRecordError, match="cannot change"):
        store.users.update(nurse.id, username="x")
    gone = store.users.deactivate(nurse.id)
    assert not gone.active and store.users.list() == []
    assert store.users.list(include_inactive=True) == [gone]
    with pytest.raises(sqlite3.IntegrityError, match="deactivate"):
        store.conn.execute("DELETE FROM users")
    assert [e.action for e in store.audit.entries(object_type="user", object_id=nurse.id)] == [
        "created",
        "changed",
        "deactivated",
    ]


def test_times_come_from_the_store_clock(db_path: object) -> None:
    clock = FixedClock()
    with open_store(db_path, clock=clock) as store:  # type: ignore[arg-type]
        result = store.import_case(case_text())
        assert store.requests.get(result.request_id).imported_at.startswith("2026-11-22T12:00")
        assert store.settings.get("missing", default=date(2026, 1, 1)) == date(2026, 1, 1)


# -- the policy is fixed on the request at import -----------------------------------


def test_import_pins_the_policy_version_in_force_on_the_received_date(store: Store) -> None:
    store.import_case(case_text(reference="P-1"), policy="ING-CC-0090")
    assert store.requests.by_reference("P-1").policy == "ING-CC-0090@2022-02-25"
    store.import_case(case_text(reference="P-2"), policy="BCBST-IXEMPRA")
    assert store.requests.by_reference("P-2").policy == "BCBST-IXEMPRA@current"
    created = [e for e in store.audit.entries() if e.action == "created"]
    assert created[-1].details["policy"] == "BCBST-IXEMPRA@current"


def test_import_refuses_a_draft_or_unknown_policy_and_records_nothing(store: Store) -> None:
    with pytest.raises(PolicyNotAssignable, match="draft policy version"):
        store.import_case(case_text(reference="D-1"), policy="BCBST-IXEMPRA@draft")
    with pytest.raises(PolicyNotAssignable, match='unknown policy "NOPE"'):
        store.import_case(case_text(reference="D-2"), policy="NOPE")
    with pytest.raises(NotFoundError):
        store.requests.by_reference("D-1")


def test_without_a_policy_the_default_setting_is_pinned_else_none(store: Store) -> None:
    bare = store.import_case(case_text(reference="N-1"))
    assert store.requests.by_reference("N-1").policy is None
    assert any(w.startswith("policy: none named") for w in bare.warnings)
    store.settings.set("policy.default", "BCBST-IXEMPRA", actor=None)
    store.import_case(case_text(reference="N-2", **{"member.id": "OTHER"}))
    assert store.requests.by_reference("N-2").policy == "BCBST-IXEMPRA@current"
    store.settings.set("policy.default", "BCBST-IXEMPRA@draft", actor=None)
    with pytest.raises(PolicyNotAssignable, match=r"policy\.default setting"):
        store.import_case(case_text(reference="N-3", **{"member.id": "THIRD"}))
