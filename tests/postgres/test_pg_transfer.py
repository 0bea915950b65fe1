"""`ixreview transfer --to URL`: a desk's record moves to the team server, checked on both
sides, keeping who did what and when; safe to run twice; conflicting references refused."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from workflow_helpers import FAST, PASSWORDS, REFERENCE, _build_template, case_data

from ixreview.cli import cli, workflow_cmds
from ixreview.store import open_store
from ixreview.store.postgres import PostgresStore
from ixreview.workflow import accounts, operations

sys.path.insert(0, str(Path(__file__).parent.parent / "pas"))


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workflow_cmds, "SECURITY", FAST)


def _desk(path: Path, reference: str = REFERENCE, **changes: object) -> Path:
    """A desk with staff, one approved request (signed letter) and one still in draft."""
    _build_template(path)
    with open_store(path) as store:
        store.import_case(json.dumps(case_data(reference=reference, **changes)),
                          policy="ING-CC-0090")  # fmt: skip
        store.import_case(json.dumps(case_data(reference=reference + "-B",
                                               **{"member.id": "OTHER-1"})),
                          policy="ING-CC-0090")  # fmt: skip
        nina = accounts.sign_in(store, "nina", PASSWORDS["nina"], security=FAST)
        operations.approve(store, nina, reference, PASSWORDS["nina"], security=FAST)
    return path


def transfer(desk: Path, url: str) -> Result:
    return CliRunner().invoke(
        cli, ["--db", str(desk), "transfer", "--to", url, "--user", "admin"],
        input=PASSWORDS["admin"] + "\n",
    )  # fmt: skip


def test_a_desk_moves_to_the_team_and_a_second_run_changes_nothing(
    tmp_path: Path, pg_url: str
) -> None:
    desk = _desk(tmp_path / "desk.sqlite3")
    result = transfer(desk, pg_url)
    assert result.exit_code == 0, result.output
    assert "2 request(s), 1 determination(s), 1 letter(s), 3 account(s)" in result.output
    assert "audit chains intact on both sides; 1 letter hash(es) match" in result.output
    with open_store(desk) as here, open_store(pg_url) as there:
        assert isinstance(there, PostgresStore)
        mine = here.determinations.current(here.requests.by_reference(REFERENCE).id)
        theirs = there.determinations.current(there.requests.by_reference(REFERENCE).id)
        assert mine is not None and theirs is not None
        assert (theirs.decided_at, theirs.decision, theirs.authorization_number) == (
            mine.decided_at, mine.decision, mine.authorization_number,
        )  # fmt: skip
        assert there.users.get(theirs.decider_id).username == "nina"
        assert [x.sha256 for x in there.determinations.letters(theirs.id)] == [
            x.sha256 for x in here.determinations.letters(mine.id)
        ]
        desk_entries = here.audit.entries()
        server_entries = there.audit.entries()
        assert [(e.action, e.at) for e in server_entries] == [
            (e.action, e.at) for e in desk_entries
        ]
        assert server_entries[-1].details["desk_hash"] == desk_entries[-1].hash
        assert there.verify_audit_chain().ok
        # the nurse signs in on the server with her own password, as on her desk
        assert accounts.sign_in(there, "nina", PASSWORDS["nina"], security=FAST).username == "nina"
        count = len(there.audit.entries())
    again = transfer(desk, pg_url)
    assert again.exit_code == 0, again.output
    assert "0 request(s)" in again.output and "2 request(s) were already there" in again.output
    with open_store(pg_url) as there:
        # only what the desk recorded since: the administrator's sign-in for this run
        assert [e.action for e in there.audit.entries()[count:]] == ["sign_in"]
        assert len(there.determinations.for_request(1)) == 1


def test_a_reference_with_other_content_refuses_the_whole_transfer(
    tmp_path: Path, pg_url: str
) -> None:
    first = _desk(tmp_path / "one.sqlite3")
    assert transfer(first, pg_url).exit_code == 0
    other = _desk(tmp_path / "two.sqlite3", **{"member.first_name": "Rosa"})
    result = transfer(other, pg_url)
    assert result.exit_code == 1
    assert f"already on the team server with other content: {REFERENCE}" in result.output
    assert "Traceback" not in result.output


def test_transfer_needs_a_desk_administrator(tmp_path: Path, pg_url: str) -> None:
    desk = _desk(tmp_path / "desk.sqlite3")
    result = CliRunner().invoke(
        cli, ["--db", str(desk), "transfer", "--to", pg_url, "--user", "nina"],
        input=PASSWORDS["nina"] + "\n",
    )  # fmt: skip
    assert result.exit_code == 1 and "administrator" in result.output
    with open_store(pg_url) as there:
        assert there.audit.entries() == []


MINIMAL = "PA-2026-004300"  # the reference in tests/pas/data/request-minimal.json


def _pas_desk(path: Path) -> Path:
    """A desk with two requests received as PAS Bundles: one pended, its information
    received and approved; one (the minimal Bundle) still in review."""
    from pas_helpers import bundle_text

    from ixreview.workflow import pas as flow
    from ixreview.workflow.permissions import MissingItem

    _build_template(path)
    with open_store(path) as store:
        nina = accounts.sign_in(store, "nina", PASSWORDS["nina"], security=FAST)
        flow.import_bundle(store, nina.user_id, bundle_text("complete"), policy="ING-CC-0090")
        flow.import_bundle(store, nina.user_id, bundle_text("minimal"), policy="ING-CC-0090")
        missing = [MissingItem("Complete blood count from the last 14 days", "neutrophils")]
        operations.pend(store, nina, REFERENCE, PASSWORDS["nina"], missing=missing,
                        security=FAST)  # fmt: skip
        operations.resume_from_pend(store, nina, REFERENCE, "CBC faxed")
        operations.approve(store, nina, REFERENCE, PASSWORDS["nina"], security=FAST)
    return path


def _pas_records(store: object) -> dict[str, tuple[object, ...]]:
    """Each PAS record by reference, ids replaced by what they stand for."""
    out = {}
    for ref in (REFERENCE, MINIMAL):
        request = store.requests.by_reference(ref)  # type: ignore[attr-defined]
        record = store.pas.get(request.id)  # type: ignore[attr-defined]
        decided = {d.id: d.decided_at for d in store.determinations.for_request(request.id)}  # type: ignore[attr-defined]
        out[ref] = (
            record.bundle_json, record.bundle_identifier, record.claim_url,
            record.item_sequence, record.sources, record.first_submitted_at,
            record.final_response_at,
            [(decided[r.determination_id], r.requested_at, r.respond_by, r.answered_at)
             for r in record.information_requests],
        )  # fmt: skip
    return out


def test_pas_bundles_and_their_metrics_move_with_the_desk(tmp_path: Path, pg_url: str) -> None:
    desk = _pas_desk(tmp_path / "desk.sqlite3")
    result = transfer(desk, pg_url)
    assert result.exit_code == 0, result.output
    with open_store(desk) as here, open_store(pg_url) as there:
        mine = _pas_records(here)
        assert mine[REFERENCE][6] is not None and mine[REFERENCE][7][0][3] is not None
        assert _pas_records(there) == mine
        tables = ("pas_requests", "pas_information_requests")
        counts = [there.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables]
        assert counts == [2, 1]
        # the server answers the transferred request as the desk does
        from ixreview.workflow import pas as flow

        nina = accounts.sign_in(there, "nina", PASSWORDS["nina"], security=FAST)
        assert flow.summary_lines(flow.summary(there, nina, REFERENCE)) == flow.summary_lines(
            flow.summary(here, accounts.sign_in(here, "nina", PASSWORDS["nina"], security=FAST),
                         REFERENCE)
        )  # fmt: skip
    assert transfer(desk, pg_url).exit_code == 0
    with open_store(pg_url) as there:
        assert _pas_records(there) == mine
        again = [there.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables]
        assert again == counts


def test_a_bundle_the_server_lacks_is_added_and_another_bundle_refused(
    tmp_path: Path, pg_url: str
) -> None:
    from pas_helpers import bundle_text

    from ixreview.workflow import pas as flow

    desk = _pas_desk(tmp_path / "desk.sqlite3")
    assert transfer(desk, pg_url).exit_code == 0
    with open_store(pg_url) as there:  # as if moved before the server kept PAS Bundles
        assert isinstance(there, PostgresStore)
        for table in ("pas_information_requests", "pas_requests"):
            there.raw.execute(f"ALTER TABLE ixreview.{table} DISABLE TRIGGER USER")
            there.raw.execute(f"DELETE FROM ixreview.{table}")
            there.raw.execute(f"ALTER TABLE ixreview.{table} ENABLE TRIGGER USER")
    again = transfer(desk, pg_url)
    assert again.exit_code == 0, again.output
    with open_store(desk) as here, open_store(pg_url) as there:
        assert _pas_records(there) == _pas_records(here)
    # the same request from a Bundle laid out otherwise: the same case, another Bundle
    other = tmp_path / "other.sqlite3"
    _build_template(other)
    with open_store(other) as store:
        relaid = json.dumps(json.loads(bundle_text("minimal")), indent=4)
        flow.import_bundle(store, None, relaid, policy="ING-CC-0090")
    refused = transfer(other, pg_url)
    assert refused.exit_code == 1
    assert f"{MINIMAL} is on the team server with another PAS Bundle" in refused.output
    assert "Traceback" not in refused.output


def test_an_administrators_server_login_carries_pas_bundles(
    tmp_path: Path, pg: object, pg_url: str
) -> None:
    """What the grants let an administrator's login (ixreview_admin) copy: the metrics too."""
    with pg.admin() as conn:  # type: ignore[attr-defined]
        if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = 'admin_ada'").fetchone():
            conn.execute("CREATE ROLE admin_ada LOGIN IN ROLE ixreview_admin")
    desk = _pas_desk(tmp_path / "desk.sqlite3")
    result = transfer(desk, pg_url.replace("postgres@", "admin_ada@", 1))
    assert result.exit_code == 0, result.output
    with open_store(desk) as here, open_store(pg_url) as there:
        assert _pas_records(there) == _pas_records(here)
