"""PHI (names, member IDs, dates of birth) never reaches a log (HIPAA; domain-notes.md).

Every sample is taken through import, evaluation, signing, verification, history
search and export with every logger open at DEBUG; no record may carry a member's
name, ID or date of birth. The audit log stores ids and codes only: its details
are checked too.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from click.testing import CliRunner

from ixreview.cli import cli
from ixreview.store import open_store
from ixreview.workflow import demo as flow
from ixreview.workflow.accounts import Security

FAST = Security(hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


def _phi_of_samples() -> set[str]:
    out: set[str] = set()
    for sample in flow.samples():
        member = sample.data()["member"]
        out |= {member["first_name"], member["last_name"], member["id"], member["birth_date"]}
    return {v for v in out if v}


def test_no_log_record_or_audit_detail_carries_phi(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ixreview.cli.demo_cmds.SECURITY", FAST)
    monkeypatch.setattr("ixreview.cli.workflow_cmds.SECURITY", FAST)
    db = tmp_path / "demo.sqlite3"
    with caplog.at_level(logging.DEBUG):
        runner = CliRunner()
        demo = runner.invoke(cli, ["demo", "--out", str(tmp_path / "letters"), "--db", str(db)])
        assert demo.exit_code == 0, demo.output
        # The demo prints its throw-away staff's passwords once; reading PHI needs a sign-in.
        (nurse_line,) = [ln for ln in demo.output.splitlines() if "demo-nurse" in ln]
        password = nurse_line.split()[-1]
        for args in (
            ["history", "ibanez"],
            ["export", "--csv", str(tmp_path / "h.csv")],
            ["show", "PA-2026-005131"],
        ):
            result = runner.invoke(
                cli, ["--db", str(db), *args, "--user", "demo-nurse"], input=password + "\n"
            )
            assert result.exit_code == 0, result.output
    phi = _phi_of_samples()
    assert phi, "the samples name members"
    assert caplog.records, "the libraries log at DEBUG, so the check sees real records"
    logged = "\n".join(f"{r.name} {r.getMessage()}" for r in caplog.records)
    assert not [v for v in phi if v in logged]
    with open_store(db) as store:
        details = json.dumps([e.details for e in store.audit.entries()], ensure_ascii=False)
    assert not [v for v in phi if v in details]
