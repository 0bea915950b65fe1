"""Issue 12's gap closed on the team server: the table owner disables the trigger that
guards a request's intake and edits it; the request's creation entry holds the
SHA-256 of the intake as received, so `ixreview audit verify` names the request.
A desk moved to the team keeps its creation entries' hashes (and its old requests
stay counted as not covered)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner
from pg_server import PgServer
from store_helpers import FIXTURES, case_text

from ixreview.cli import cli
from ixreview.store import open_store
from ixreview.store.intake_check import sha256_text
from ixreview.store.postgres import PostgresStore
from ixreview.store.postgres.transfer import transfer

CHANGED = "its stored intake was changed after it was received"
UNGUARD = "ALTER TABLE ixreview.requests DISABLE TRIGGER requests_intake_immutable"


def _verify(url: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--db", url, "audit", "verify"])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def _import_two(store: PostgresStore, first: str, second: str) -> None:
    for reference, member in ((first, "BCT884120301"), (second, "OTHER-1")):
        store.import_case(case_text(reference=reference, **{"member.id": member}))


def _owner_edits(url: str, reference: str) -> None:
    """The table owner, behind the trigger: one changed lab value in the stored intake."""
    with open_store(url) as owner:
        assert isinstance(owner, PostgresStore)
        owner.raw.execute(UNGUARD)
        edited = owner.raw.execute(
            "UPDATE ixreview.requests SET intake_json = replace(intake_json, '2400', '1400')"
            " WHERE reference = %s",
            (reference,),
        )
        assert edited.rowcount == 1


def _desk_login(pg: PgServer, url: str) -> str:
    """`url` as a desk's login (the ixreview_desk role: it reads, never rewrites)."""
    with pg.admin() as conn:
        if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = 'desk_intake'").fetchone():
            conn.execute("CREATE ROLE desk_intake LOGIN IN ROLE ixreview_desk")
    return url.replace("postgres@", "desk_intake@", 1)


def test_the_owner_editing_a_stored_intake_is_named_and_the_untouched_server_is_clean(
    pg_url: str, pg: PgServer
) -> None:
    with open_store(pg_url) as store:
        assert isinstance(store, PostgresStore)
        _import_two(store, "PA-2026-004211", "PA-2026-004212")
        (entry,) = [
            e
            for e in store.audit.entries(object_type="request", object_id=1)
            if e.action == "created"
        ]
        row = store.raw.execute("SELECT intake_json FROM ixreview.requests WHERE id = 1").fetchone()
        assert row is not None and entry.details["intake_sha256"] == sha256_text(row[0])
    code, out = _verify(pg_url)
    assert code == 0, out
    assert "2 request intake(s) as received" in out and "not covered" not in out
    _owner_edits(pg_url, "PA-2026-004211")
    with open_store(pg_url) as store:
        assert store.verify_audit_chain().ok  # the chain alone cannot see it
    for url in (pg_url, _desk_login(pg, pg_url)):  # the owner's check, and any desk's
        code, out = _verify(url)
        assert code == 1, out
        assert f"request PA-2026-004211: {CHANGED}" in out
        assert "PA-2026-004212" not in out


def test_a_desk_moved_to_the_team_keeps_the_hash_and_counts_its_old_requests(
    pg_url: str, tmp_path: Path
) -> None:
    """A schema-1 desk (the frozen fixture: one request without a hash), upgraded,
    with one request imported since, transferred: the server holds the new one to its
    hash and counts the old one once as not covered."""
    desk_path = tmp_path / "desk.sqlite3"
    conn = sqlite3.connect(desk_path)
    conn.executescript((FIXTURES / "schema_v1.sql").read_text(encoding="utf-8"))
    conn.close()
    with open_store(desk_path) as desk, open_store(pg_url) as server:
        assert isinstance(server, PostgresStore)
        desk.import_case(case_text(reference="PA-2027-000001", **{"member.id": "OTHER-1"}))
        report = transfer(desk, server)
        assert report.requests == 2
        carried = [
            e.details
            for e in server.audit.entries()
            if e.action == "created" and e.object_type == "request"
        ]
        assert [d.get("intake_sha256") is not None for d in carried] == [False, True]
    code, out = _verify(pg_url)
    assert code == 0, out
    assert "1 request intake(s) as received" in out
    assert out.count("not covered") == 1 and "Note: 1 request was received before" in out
    _owner_edits(pg_url, "PA-2027-000001")
    code, out = _verify(pg_url)
    assert code == 1 and f"request PA-2027-000001: {CHANGED}" in out, out
    assert "PA-2026-004211:" not in out


def test_an_intake_imported_on_the_server_and_on_a_desk_agrees_after_transfer(
    pg_url: str, tmp_path: Path
) -> None:
    """The same document imported on the server and on a desk: transfer maps the desk's
    request onto the server's, and both creation entries' hashes hold."""
    desk_path = tmp_path / "desk.sqlite3"
    text = case_text(reference="PA-2026-004211")
    with open_store(desk_path) as desk, open_store(pg_url) as server:
        assert isinstance(server, PostgresStore)
        desk.import_case(text)
        server.import_case(text)
        report = transfer(desk, server)
        assert report.already == 1
        created = [
            e
            for e in server.audit.entries(object_type="request", object_id=1)
            if e.action == "created"
        ]
        assert len(created) == 2
        assert [e.details["intake_sha256"] for e in created] == [sha256_text(text)] * 2
    code, out = _verify(pg_url)
    assert code == 0 and "1 request intake(s) as received" in out, out
    _owner_edits(pg_url, "PA-2026-004211")
    code, out = _verify(pg_url)
    assert code == 1 and f"request PA-2026-004211: {CHANGED}" in out, out


def test_the_owner_editing_a_kept_pas_bundle_is_named(pg_url: str) -> None:
    from ixreview.workflow.pas import import_bundle

    bundle = (Path(__file__).parent.parent / "pas" / "data" / "request-complete.json").read_text(
        encoding="utf-8"
    )
    with open_store(pg_url) as store:
        result = import_bundle(store, None, bundle, policy="ING-CC-0090")
    code, out = _verify(pg_url)
    assert code == 0, out
    with open_store(pg_url) as owner:
        assert isinstance(owner, PostgresStore)
        owner.raw.execute("ALTER TABLE ixreview.pas_requests DISABLE TRIGGER pas_requests_kept")
        edited = owner.raw.execute(
            "UPDATE ixreview.pas_requests SET bundle_json = bundle_json || ' '"  # one more space
        )
        assert edited.rowcount == 1
    code, out = _verify(pg_url)
    assert code == 1, out
    assert f"{result.reference}: its stored PAS Bundle was changed after it was received" in out
