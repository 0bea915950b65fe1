"""The CLI shows `Session.notice` (the pinned trust root changed since the user's last
sign-in) on stderr, once, after signing in; stdout stays the command's own output."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from records_helpers import ADMIN_PASSWORD as PASSWORD
from records_helpers import first_admin
from workflow_helpers import FAST

from ixreview.cli import cli, workflow_cmds
from ixreview.letters import create_organization_ca
from ixreview.store import open_store
from ixreview.workflow.trust import pin_root, trust_file


@pytest.fixture
def desk(tmp_path, monkeypatch):
    monkeypatch.setenv("IXREVIEW_CONFIG_DIR", str(tmp_path / "config"))  # one machine
    monkeypatch.setattr(workflow_cmds, "SECURITY", FAST)
    path = tmp_path / "desk.sqlite3"
    with open_store(path) as store:
        first_admin(store)
    return path


def _list_users(path):
    return CliRunner().invoke(
        cli, ["--db", str(path), "user", "list", "--as", "admin"], input=PASSWORD + "\n"
    )


def test_a_changed_trust_root_is_shown_after_a_cli_sign_in(desk) -> None:
    first = _list_users(desk)
    assert first.exit_code == 0, first.output
    assert "Notice:" not in first.output  # nothing changed

    # A root appended to the file by hand: every sign-in says so until it is put right.
    evil = create_organization_ca("Evil", "attacker-password")
    with trust_file().open("a", encoding="ascii") as handle:
        handle.write(evil.cert_pem)
    for _ in range(2):
        result = _list_users(desk)
        assert result.exit_code == 0, result.output
        assert "Notice: The pinned trust-root file changed without an administrator's" in (
            result.stderr
        )
        assert "no administrator of this database pinned" in result.stderr
        assert "Notice:" not in result.stdout and "admin" in result.stdout

    # An administrator pins the organization's root again: the next sign-in is told, once.
    with open_store(desk) as store:
        root = store.settings.get("signing.trust_roots_pem")
        assert pin_root(store, root, actor=store.users.by_username("admin").id, replace=True)
    told = _list_users(desk)
    assert "Notice: An administrator changed the pinned trust root on" in told.stderr
    again = _list_users(desk)
    assert again.exit_code == 0 and "Notice:" not in again.output


def test_the_notice_names_a_missing_organization_root(desk) -> None:
    evil = create_organization_ca("Evil", "attacker-password")
    trust_file().write_text(evil.cert_pem, encoding="ascii")  # the root replaced
    result = _list_users(desk)
    assert "no longer holds this organization's root" in result.stderr, result.output
