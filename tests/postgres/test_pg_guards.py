"""The server guards the record: a desk's role cannot change what is decided, signed or
audited, nor who may decide; the audit chain is the server's."""

from __future__ import annotations

import psycopg
import pytest
from pg_server import PgServer
from store_helpers import approval, case_text

from ixreview.store import Role, open_store
from ixreview.store.postgres import PostgresStore


def _login(pg: PgServer, name: str, group: str) -> None:
    with pg.admin() as conn:
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f"CREATE ROLE {name} LOGIN IN ROLE {group}")


@pytest.fixture
def decided(pg_url: str) -> str:
    """A server with a nurse, a decided request, its letter and audit entries."""
    with open_store(pg_url) as store:
        nurse = store.users.create("nina", "Nina Patel", Role.NURSE, credentials="RN")
        rid = store.import_case(case_text()).request_id
        det = store.determinations.add(approval(store, rid, nurse.id))
        store.determinations.add_letter(det.id, b"%PDF-1.7 x", signer_id=nurse.id,
                                        signed_at=store.now())  # fmt: skip
        store.settings.set("signing.ca.1", {"key": "secret"})
    return pg_url


def _desk_url(pg: PgServer, url: str, login: str = "desk_one") -> str:
    _login(pg, login, "ixreview_desk")
    return url.replace("postgres@", f"{login}@", 1)


REFUSED = [
    "UPDATE ixreview.determinations SET rationale = 'forged'",
    "DELETE FROM ixreview.determinations",
    "TRUNCATE ixreview.determinations CASCADE",
    "UPDATE ixreview.letters SET sha256 = repeat('0', 64)",
    "DELETE FROM ixreview.letters",
    "TRUNCATE ixreview.letters",
    "UPDATE ixreview.audit_log SET action = 'viewed'",
    "DELETE FROM ixreview.audit_log",
    "TRUNCATE ixreview.audit_log CASCADE",
    "INSERT INTO ixreview.audit_log SELECT seq + 100, at, recorded_at, actor_id, action,"
    " object_type, object_id, details, prev_hash, hash FROM ixreview.audit_log",
    "UPDATE ixreview.users SET role = 'physician'",
    "UPDATE ixreview.users SET signing_key_encrypted = NULL",
    "UPDATE ixreview.users SET certificate_pem = 'forged'",
    "INSERT INTO ixreview.users (username, full_name, role, created_at)"
    " VALUES ('mallory', 'M', 'admin', 'x')",
    "UPDATE ixreview.requests SET intake_json = '{}'",
    "DROP TRIGGER audit_log_no_update ON ixreview.audit_log",
    "ALTER TABLE ixreview.determinations DISABLE TRIGGER ALL",
]


@pytest.mark.parametrize("sql", REFUSED)
def test_the_desk_role_cannot_rewrite_the_record(pg: PgServer, decided: str, sql: str) -> None:
    with (
        psycopg.connect(_desk_url(pg, decided), autocommit=True) as desk,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        desk.execute(sql)


def test_role_changes_go_through_a_function_that_checks_the_caller(
    pg: PgServer, decided: str
) -> None:
    with open_store(_desk_url(pg, decided)) as desk:
        nurse = desk.users.by_username("nina")
        assert nurse is not None
        with pytest.raises(Exception, match="administrator's connection"):
            desk.users.update(nurse.id, role=Role.PHYSICIAN)
        with pytest.raises(Exception, match="administrator's connection"):
            desk.users.create("mallory", "Mallory", Role.ADMIN)
        # what a desk must do for sign-in and a password change still works
        desk.users.update(nurse.id, failed_attempts=2, password_hash="argon2$new")
        assert desk.users.get(nurse.id).role == Role.NURSE
    _login(pg, "admin_desk", "ixreview_admin")
    with open_store(decided.replace("postgres@", "admin_desk@", 1)) as admin:
        assert nurse is not None
        assert admin.users.update(nurse.id, role=Role.PHYSICIAN).role == Role.PHYSICIAN


def test_the_desk_appends_audit_entries_only_through_the_server(pg: PgServer, decided: str) -> None:
    with open_store(_desk_url(pg, decided)) as desk:
        assert isinstance(desk, PostgresStore)
        before = desk.verify_audit_chain()
        entry = desk.audit.append("viewed", "request", 1, actor=1)
        assert entry.seq == before.entries + 1 and entry.prev_hash == before.head_hash
        report = desk.verify_audit_chain()
        assert report.ok and report.head_hash == entry.hash
        with pytest.raises(ValueError, match="PHI"):
            desk.audit.append("viewed", "request", 1, actor=1, details={"member_id": "X"})
        with pytest.raises(ValueError, match="lowercase word"):
            desk.audit.append("DROP TABLE", "request", 1, actor=1)


def test_what_the_owner_changes_behind_the_grants_breaks_the_chain(decided: str) -> None:
    with open_store(decided) as owner:
        assert isinstance(owner, PostgresStore)
        assert owner.verify_audit_chain().ok
        owner.raw.execute("ALTER TABLE ixreview.audit_log DISABLE TRIGGER audit_log_no_update")
        owner.raw.execute(
            "UPDATE ixreview.audit_log SET details = '{\"warnings\": 9}' WHERE seq = 3"
        )
        report = owner.verify_audit_chain()
        assert not report.ok and report.bad_seq == 3 and "altered" in (report.reason or "")
        owner.raw.execute("DELETE FROM ixreview.audit_log WHERE seq = 2")
        report = owner.verify_audit_chain()
        assert not report.ok and report.bad_seq == 2 and "missing" in (report.reason or "")


def test_determinations_letters_and_requests_are_immutable_even_for_the_owner(
    decided: str,
) -> None:
    with open_store(decided) as owner:
        assert isinstance(owner, PostgresStore)
        for sql, words in [
            ("UPDATE ixreview.determinations SET rationale = 'x'", "immutable"),
            ("DELETE FROM ixreview.letters", "immutable"),
            ("UPDATE ixreview.audit_log SET action = 'viewed'", "append-only"),
            ("UPDATE ixreview.requests SET intake_json = '{}'", "exactly as received"),
            ("DELETE FROM ixreview.users", "deactivate"),
        ]:
            with pytest.raises(psycopg.errors.IntegrityConstraintViolation, match=words):
                owner.raw.execute(sql)


def test_trust_settings_and_the_ca_key_are_for_administrators(pg: PgServer, decided: str) -> None:
    with open_store(_desk_url(pg, decided)) as desk:
        assert desk.settings.get("signing.ca.1") is None  # row-level security hides it
        with pytest.raises(Exception, match="administrator's connection"):
            desk.settings.set("signing.trust_roots_pem", "forged root")
        desk.settings.set("letters.information_days", {"standard": 45})  # ordinary setting
    with open_store(decided) as owner:
        assert owner.settings.get("signing.ca.1") == {"key": "secret"}


def test_one_determination_per_decision_is_the_servers_rule(decided: str) -> None:
    with open_store(decided) as owner:
        assert isinstance(owner, PostgresStore)
        with pytest.raises(psycopg.errors.UniqueViolation):
            owner.raw.execute(
                "INSERT INTO ixreview.determinations (request_id, review_id, received_at,"
                " policy_id, policy_version, decision, decider_id, decider_role, rationale,"
                " decided_at, evaluation_json) SELECT request_id, review_id, received_at,"
                " policy_id, policy_version, 'A3', decider_id, decider_role, 'again',"
                " decided_at, evaluation_json FROM ixreview.determinations"
            )
