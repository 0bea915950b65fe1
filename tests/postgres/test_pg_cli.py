"""The command line against a team server: `server init`, then import, decide, history,
show, letter, verify and audit verify with --db postgresql://... (and IXREVIEW_DB)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pg_server import PgServer, bin_dir
from workflow_helpers import FAST, PASSWORDS, REFERENCE, case_data

from ixreview.cli import cli, workflow_cmds
from ixreview.store.postgres.schema import SCHEMA_VERSION


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workflow_cmds, "SECURITY", FAST)


def run(url: str, *args: str, user: str | None = None) -> Result:
    pw = None if user is None else PASSWORDS[user] + "\n"
    return CliRunner().invoke(cli, ["--db", url, *args], input=pw)


def _tables(url: str) -> list[tuple[str, str]]:
    import psycopg

    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = 'ixreview' ORDER BY 1, 2"
        ).fetchall()
    return [(str(a), str(b)) for a, b in rows]


def test_server_init_creates_the_schema_and_sql_prints_the_same(pg: PgServer) -> None:
    url = pg.url(pg.create_database())
    result = CliRunner().invoke(cli, ["server", "init", url])
    assert result.exit_code == 0, result.output
    assert f"schema 0 -> {SCHEMA_VERSION}" in result.output
    again = CliRunner().invoke(cli, ["server", "init", url])
    assert again.exit_code == 0 and "already current" in again.output
    script = CliRunner().invoke(cli, ["server", "init", "--sql"])
    assert script.exit_code == 0 and "GRANT SELECT ON ALL TABLES" in script.output
    other = pg.url(pg.create_database())
    psql = subprocess.run(
        [str(bin_dir() / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction",
         "-d", other.replace("postgresql://postgres@/", "postgresql:///"), "-U", "postgres"],
        input=script.output, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert psql.returncode == 0, psql.stderr
    assert _tables(other) == _tables(url)


def test_server_init_refuses_what_is_not_a_server_url() -> None:
    result = CliRunner().invoke(cli, ["server", "init", "cases.sqlite3"])
    assert result.exit_code == 2 and "postgresql://" in result.output


def test_refer_on_one_desk_decide_on_another_all_through_the_cli(
    team_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = tmp_path / "case.json"
    case.write_text(json.dumps(case_data()), encoding="utf-8")
    imported = run(team_url, "import", str(case), "--policy", "ING-CC-0090", "--user", "nina",
                   user="nina")  # fmt: skip
    assert imported.exit_code == 0, imported.output
    assert f"imported {REFERENCE}" in imported.output
    referred = run(team_url, "decide", REFERENCE, "--user", "nina", "--refer", "--reason",
                   "please look at the dose", user="nina")  # fmt: skip
    assert referred.exit_code == 0, referred.output
    # the physician's desk names the server through IXREVIEW_DB
    monkeypatch.setenv("IXREVIEW_DB", team_url)
    approved = CliRunner().invoke(
        cli, ["decide", REFERENCE, "--user", "drpat", "--approve"], input=PASSWORDS["drpat"] + "\n"
    )
    assert approved.exit_code == 0, approved.output
    assert "approved (A1) by drpat" in approved.output
    history = run(team_url, "history", "ibanez", "--json", "--user", "nina", user="nina")
    assert history.exit_code == 0, history.output
    rows = json.loads(history.output.split("\n", 1)[1])["rows"]  # after the password prompt
    assert [(row["reference"], row["decision_code"]) for row in rows] == [(REFERENCE, "A1")]
    shown = run(team_url, "show", REFERENCE, "--user", "nina", user="nina")
    assert shown.exit_code == 0 and REFERENCE in shown.output
    pdf = tmp_path / "letter.pdf"
    letter = run(team_url, "letter", REFERENCE, "--out", str(pdf), "--user", "drpat",
                 user="drpat")  # fmt: skip
    assert letter.exit_code == 0, letter.output
    verified = run(team_url, "verify", str(pdf))
    assert verified.exit_code == 0, verified.output
    audit = run(team_url, "audit", "verify")
    assert audit.exit_code == 0 and "audit log intact" in audit.output


def test_an_unreachable_server_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    url = f"postgresql://nobody@/nothing?host={tmp_path}"
    result = CliRunner().invoke(cli, ["--db", url, "audit", "verify"])
    assert result.exit_code == 1
    assert "cannot connect to the team server" in result.output
    assert "Traceback" not in result.output


def test_reports_run_on_the_team_server_through_the_cli(team_url: str, tmp_path: Path) -> None:
    """`report metrics` and `impact` on the server (they used to be refused there)."""
    case = tmp_path / "case.json"
    case.write_text(json.dumps(case_data()), encoding="utf-8")
    imported = run(team_url, "import", str(case), "--policy", "ING-CC-0090", "--user", "nina",
                   user="nina")  # fmt: skip
    assert imported.exit_code == 0, imported.output
    approved = run(team_url, "decide", REFERENCE, "--approve", "--user", "drpat", user="drpat")
    assert approved.exit_code == 0, approved.output
    result = run(team_url, "report", "metrics", "--from", "2020-01-01", "--to", "2030-12-31",
                 "--period", "all", "--json", "--user", "nina", user="nina")  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.output.split("\n", 1)[1])  # after the password prompt
    (whole,) = data["periods"]
    assert whole["standard"]["approved"] + whole["expedited"]["approved"] == 1
    assert [r["reviewer"] for r in data["reviewers"]] == ["Pat Physician, MD"]
    replay = run(team_url, "impact", "--policy", "ING-CC-0090@2022-02-25", "--json",
                 "--user", "drpat", user="drpat")  # fmt: skip
    assert replay.exit_code == 0, replay.output
    (row,) = json.loads(replay.output.split("\n", 1)[1])["rows"]
    assert row["reference"] == REFERENCE
    assert row["outcome_now"] == row["outcome_under"] == "meets_criteria"
