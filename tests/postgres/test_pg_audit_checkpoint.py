"""A checkpoint of the server's audit chain, kept away from the server, shows what the
database owner rewrote behind the grants even when every hash was recomputed (which
`audit_verify` alone cannot see: the server's chain is not keyed)."""

from __future__ import annotations

import json

from pg_server import PgServer
from store_helpers import approval, case_text

from ixreview.store import Role, open_store
from ixreview.store.postgres import PostgresStore

REWRITE_FROM_3 = """
DO $$
DECLARE
    e ixreview.audit_log;
    prev text;
BEGIN
    SELECT hash INTO prev FROM ixreview.audit_log WHERE seq = 2;
    FOR e IN SELECT * FROM ixreview.audit_log WHERE seq >= 3 ORDER BY seq LOOP
        IF e.seq = 3 THEN
            e.details := '{"warnings": 9}';
        END IF;
        e.prev_hash := prev;
        e.hash := ixreview.audit_hash(e);
        UPDATE ixreview.audit_log SET details = e.details, prev_hash = e.prev_hash,
            hash = e.hash WHERE seq = e.seq;
        prev := e.hash;
    END LOOP;
END $$;
"""


def _record(url: str) -> PostgresStore:
    store = open_store(url)
    assert isinstance(store, PostgresStore)
    nurse = store.users.create("nina", "Nina Patel", Role.NURSE, credentials="RN")
    rid = store.import_case(case_text()).request_id
    store.determinations.add(approval(store, rid, nurse.id))  # type: ignore[arg-type]
    return store


def test_a_checkpoint_holds_while_the_log_only_grows(pg_url: str) -> None:
    with _record(pg_url) as store:
        doc = json.loads(json.dumps(store.audit.checkpoint("2026-12-01T02:00:00+00:00")))
        assert doc["seq"] >= 3 and len(doc["hash"]) == 64 and doc["chain"]
        store.audit.append("viewed", "request", 1, actor=1)
        assert store.audit.check_checkpoint(doc) is None


def test_a_rewritten_and_rehashed_log_passes_verify_but_not_the_checkpoint(pg_url: str) -> None:
    with _record(pg_url) as store:
        doc = store.audit.checkpoint("2026-12-01T02:00:00+00:00")
        store.raw.execute("ALTER TABLE ixreview.audit_log DISABLE TRIGGER audit_log_no_update")
        store.raw.execute(REWRITE_FROM_3)
        assert store.verify_audit_chain().ok  # the chain alone cannot tell
        why = store.audit.check_checkpoint(doc)
        assert why is not None and f"entry {doc['seq']}" in why and "rewritten" in why


def test_a_cut_log_and_another_servers_checkpoint_are_named(pg_url: str, pg: PgServer) -> None:
    with _record(pg_url) as store:
        doc = store.audit.checkpoint("2026-12-01T02:00:00+00:00")
        store.raw.execute("ALTER TABLE ixreview.audit_log DISABLE TRIGGER audit_log_no_update")
        store.raw.execute("DELETE FROM ixreview.audit_log WHERE seq = %s", (doc["seq"],))
        assert "is gone" in (store.audit.check_checkpoint(doc) or "")
        assert "damaged" in (store.audit.check_checkpoint({**doc, "seq": "3"}) or "")
        assert "not a team server" in (store.audit.check_checkpoint({"format": "x"}) or "")
    with _record(pg.url(pg.create_database(template="ixreview_template"))) as other:
        assert "another audit log" in (other.audit.check_checkpoint(doc) or "")


def test_the_cli_writes_a_team_checkpoint_and_audit_verify_holds_the_log_to_it(
    pg_url: str, tmp_path
) -> None:
    from click.testing import CliRunner

    from ixreview.cli import cli

    with _record(pg_url):
        pass
    out = tmp_path / "team.checkpoint.json"
    made = CliRunner().invoke(cli, ["--db", pg_url, "audit", "checkpoint", "--out", str(out)])
    assert made.exit_code == 0, made.output
    assert json.loads(out.read_text())["format"] and (out.stat().st_mode & 0o077) == 0
    ok = CliRunner().invoke(cli, ["--db", pg_url, "audit", "verify", "--checkpoint", str(out)])
    assert ok.exit_code == 0 and "1 checkpoint(s) agree" in ok.output
    with open_store(pg_url) as store:
        assert isinstance(store, PostgresStore)
        store.raw.execute("ALTER TABLE ixreview.audit_log DISABLE TRIGGER audit_log_no_update")
        store.raw.execute(REWRITE_FROM_3)
    bad = CliRunner().invoke(cli, ["--db", pg_url, "audit", "verify", "--checkpoint", str(out)])
    assert bad.exit_code == 1
    assert "team.checkpoint.json: entry" in bad.output and "rewritten" in bad.output
    garbage = tmp_path / "garbage.json"
    garbage.write_text("not json", encoding="utf-8")
    worse = CliRunner().invoke(
        cli, ["--db", pg_url, "audit", "verify", "--checkpoint", str(garbage)]
    )
    assert worse.exit_code == 1 and "cannot be read as a checkpoint" in worse.output
    assert "Traceback" not in worse.output
