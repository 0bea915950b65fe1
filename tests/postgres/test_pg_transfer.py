"""`ixreview transfer --to URL`: a desk's record moves to the team server, checked on both
sides, keeping who did what and when; safe to run twice; conflicting references refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from workflow_helpers import FAST, PASSWORDS, REFERENCE, _build_template, case_data

from ixreview.cli import cli, workflow_cmds
from ixreview.store import open_store
from ixreview.store.postgres import PostgresStore
from ixreview.workflow import accounts, operations


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
