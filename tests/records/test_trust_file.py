"""The pinned trust root: set up outside the database, changed only by an audited
administrator action, and any other change shown at the next sign-in."""

from __future__ import annotations

from records_helpers import ADMIN_PASSWORD as PASSWORD
from records_helpers import first_admin, run
from workflow_helpers import FAST

from ixreview.letters import create_organization_ca
from ixreview.store import open_store
from ixreview.workflow import accounts
from ixreview.workflow.trust import pin_root, pinned_roots, trust_file, trust_notice


def test_the_root_is_pinned_at_setup_and_changes_are_shown(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("IXREVIEW_CONFIG_DIR", str(tmp_path / "config"))
    path = tmp_path / "desk.sqlite3"
    with open_store(path) as store:
        first_admin(store)
        assert len(pinned_roots()) == 1
        assert trust_file().stat().st_mode & 0o777 == 0o600
        assert trust_notice(store, since=None) is None

        # Someone appends a root to the file by hand: the next sign-in says so.
        evil = create_organization_ca("Evil", "attacker-password")
        with trust_file().open("a", encoding="ascii") as handle:
            handle.write(evil.cert_pem)
        notice = trust_notice(store, since=None)
        assert notice is not None and "changed without an administrator's audited" in notice
        session = accounts.sign_in(store, "admin", PASSWORD, security=FAST)
        assert session.notice == notice  # shown at the next sign-in

        # An administrator pins the organization's root again (replacing the file).
        before = store.now().isoformat()
        root = store.settings.get("signing.trust_roots_pem")
        admin = store.users.by_username("admin")
        assert pin_root(store, root, actor=admin.id, replace=True)
        assert len(pinned_roots()) == 1
        notice = trust_notice(store, since=before[:19])
        assert notice is not None and "An administrator changed the pinned trust root" in notice
        assert accounts.sign_in(store, "admin", PASSWORD, security=FAST).notice == notice
        assert accounts.sign_in(store, "admin", PASSWORD, security=FAST).notice is None
        pinned = [e for e in store.audit.entries() if e.action == "trust_pinned"]
        assert len(pinned) == 2 and pinned[-1].details["replaced"] is True


def test_a_trust_file_others_may_write_is_refused(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("IXREVIEW_CONFIG_DIR", str(tmp_path / "config"))
    ca = create_organization_ca("Blue Valley Health Plan", PASSWORD)
    trust_file().parent.mkdir(parents=True)
    trust_file().write_text(ca.cert_pem)
    trust_file().chmod(0o666)
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(b"%PDF-1.7\n")
    code, out = run("--db", str(tmp_path / "none.sqlite3"), "verify", str(letter))
    assert code == 2 and "others may write to it; it cannot be trusted" in out


def test_a_throw_away_database_pins_nothing(tmp_path, monkeypatch) -> None:
    """The demo's CA must never become a trust root of the machine."""
    monkeypatch.setenv("IXREVIEW_CONFIG_DIR", str(tmp_path / "config"))
    from ixreview.workflow.demo import create_staff

    with open_store(tmp_path / "demo.sqlite3") as store:
        create_staff(store, security=FAST)
    assert pinned_roots() == []
    assert not list((tmp_path / "config").glob("org-*"))


def test_an_administrator_pins_an_older_databases_root(tmp_path, monkeypatch) -> None:
    """A database set up before roots were pinned: `ixreview letters pin`."""
    from click.testing import CliRunner

    from ixreview.cli import cli

    monkeypatch.setenv("IXREVIEW_CONFIG_DIR", str(tmp_path / "config"))
    path = tmp_path / "old.sqlite3"
    with open_store(path) as store:
        accounts.create_first_admin(
            store, username="admin", full_name="Ada Admin", password=PASSWORD,
            organization="Blue Valley Health Plan", security=FAST, pin_trust_root=False,
        )  # fmt: skip
    assert pinned_roots() == []
    monkeypatch.setattr("ixreview.cli.workflow_cmds.SECURITY", FAST)
    result = CliRunner().invoke(
        cli, ["--db", str(path), "letters", "pin", "--user", "admin", "--yes"],
        input=PASSWORD + "\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "SHA-256 fingerprint:" in result.output and "pinned in" in result.output
    assert len(pinned_roots()) == 1
    with open_store(path) as store:
        assert [e.action for e in store.audit.entries()][-1] == "trust_pinned"
