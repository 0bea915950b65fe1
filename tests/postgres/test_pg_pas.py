"""HL7 Da Vinci PAS on the team server: a desk's role imports a Bundle and the server's
triggers keep its metrics, but the role cannot change or remove a kept Bundle or its
metrics (nor can the owner); migrating from schema 5 keeps the record."""

from __future__ import annotations

import sys
from pathlib import Path

import psycopg
import pytest
from pg_server import PgServer
from store_helpers import approval, case_text
from workflow_helpers import FAST, PASSWORDS

from ixreview.store import Role, open_store
from ixreview.store.postgres import PostgresStore
from ixreview.store.postgres.connection import connect
from ixreview.store.postgres.schema import SCHEMA_VERSION, migrate
from ixreview.workflow import accounts, operations
from ixreview.workflow import pas as flow
from ixreview.workflow.permissions import MissingItem

sys.path.insert(0, str(Path(__file__).parent.parent / "pas"))
from pas_helpers import bundle_text

REF = "PA-2026-004211"


def _desk_url(pg: PgServer, url: str, login: str = "pas_desk") -> str:
    with pg.admin() as conn:
        if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)).fetchone():
            conn.execute(f"CREATE ROLE {login} LOGIN IN ROLE ixreview_desk")
    return url.replace("postgres@", f"{login}@", 1)


@pytest.fixture
def answered(pg: PgServer, team_url: str) -> str:
    """Through a desk's role: a Bundle imported, pended, its information received, approved."""
    with open_store(_desk_url(pg, team_url)) as desk:
        nina = accounts.sign_in(desk, "nina", PASSWORDS["nina"], security=FAST)
        flow.import_bundle(desk, nina.user_id, bundle_text("complete"), policy="ING-CC-0090")
        missing = [MissingItem("Complete blood count from the last 14 days", "neutrophils")]
        operations.pend(desk, nina, REF, PASSWORDS["nina"], missing=missing, security=FAST)
        operations.resume_from_pend(desk, nina, REF, "CBC faxed")
        operations.approve(desk, nina, REF, PASSWORDS["nina"], rationale="meets", security=FAST)
    return team_url


def test_a_desks_role_imports_a_bundle_and_the_server_keeps_its_metrics(
    pg: PgServer, answered: str
) -> None:
    with open_store(_desk_url(pg, answered)) as desk:
        request = desk.requests.by_reference(REF)
        record = desk.pas.get(request.id)
        assert record is not None and record.bundle_json == bundle_text("complete")
        (pended, approved) = desk.determinations.for_request(request.id)
        (ask,) = record.information_requests
        assert (ask.determination_id, ask.requested_at) == (pended.id, pended.decided_at)
        assert ask.respond_by is not None and ask.respond_by in pended.rationale
        assert ask.answered_at is not None and ask.answered_at >= ask.requested_at
        assert record.final_response_at == approved.decided_at


REFUSED = [
    "UPDATE ixreview.pas_requests SET bundle_json = '{}'",
    "UPDATE ixreview.pas_requests SET final_response_at = NULL",
    "DELETE FROM ixreview.pas_requests",
    "TRUNCATE ixreview.pas_requests",
    "UPDATE ixreview.pas_information_requests SET answered_at = NULL",
    "DELETE FROM ixreview.pas_information_requests",
    "TRUNCATE ixreview.pas_information_requests",
    "INSERT INTO ixreview.pas_information_requests (request_id, determination_id,"
    " requested_at) SELECT request_id, id, decided_at FROM ixreview.determinations"
    " WHERE decision = 'A1'",
    "ALTER TABLE ixreview.pas_requests DISABLE TRIGGER ALL",
]


@pytest.mark.parametrize("sql", REFUSED)
def test_the_desk_role_cannot_change_a_kept_bundle_or_its_metrics(
    pg: PgServer, answered: str, sql: str
) -> None:
    with (
        psycopg.connect(_desk_url(pg, answered), autocommit=True) as desk,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        desk.execute(sql)


def test_a_kept_bundle_and_its_metrics_are_immutable_even_for_the_owner(answered: str) -> None:
    with open_store(answered) as owner:
        assert isinstance(owner, PostgresStore)
        before = owner.pas.get(1)
        for sql, words in [
            ("UPDATE ixreview.pas_requests SET bundle_json = '{}'", "exactly as received"),
            ("UPDATE ixreview.pas_requests SET first_submitted_at = 'x'", "exactly as received"),
            ("DELETE FROM ixreview.pas_requests", "never deleted"),
            ("TRUNCATE ixreview.pas_requests CASCADE", "never deleted"),
            ("UPDATE ixreview.pas_information_requests SET answered_at = NULL", "answered once"),
            ("UPDATE ixreview.pas_information_requests SET respond_by = 'x'", "as asked"),
            ("DELETE FROM ixreview.pas_information_requests", "never deleted"),
        ]:
            with pytest.raises(psycopg.errors.IntegrityConstraintViolation, match=words):
                owner.raw.execute(sql)
        assert owner.pas.get(1) == before


def test_schema_5_migrates_to_6_keeping_its_records_and_then_keeps_bundles(
    pg: PgServer,
) -> None:
    url = pg.url(pg.create_database())
    conn = connect(url)
    assert migrate(conn, target=5) == 0
    conn.close()
    assert SCHEMA_VERSION >= 6
    store = PostgresStore(connect(url), url)  # as a program of schema 5 left it
    nurse = store.users.create("nina", "Nina Patel", Role.NURSE, credentials="RN")
    old = store.import_case(case_text(reference="PA-2026-000001")).request_id
    decided = store.determinations.add(approval(store, old, nurse.id))
    store.close()
    with open_store(url) as store:  # the owner's connection migrates
        assert store.schema_version == SCHEMA_VERSION
        assert store.determinations.current(old) == decided
        assert store.pas.get(old) is None  # a case file, not a Bundle
        assert store.verify_audit_chain().ok
        new = flow.import_bundle(store, nurse.id, bundle_text("complete"), policy="ING-CC-0090")
        assert store.pas.get(new.request_id).final_response_at is None
        det = store.determinations.add(approval(store, new.request_id, nurse.id, number="A-2"))
        assert store.pas.get(new.request_id).final_response_at == det.decided_at
