"""`ixreview impact` and `ixreview report metrics` from the command line."""

from __future__ import annotations

import csv
import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from impact_helpers import BCBST_CASES, FAST, PASSWORDS, World

from ixreview.cli import cli, workflow_cmds


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workflow_cmds, "SECURITY", FAST)


def run(world: World, user: str, *args: str) -> Result:
    return CliRunner().invoke(
        cli, ["--db", str(world.path), *args, "--user", user], input=PASSWORDS[user] + "\n"
    )


def test_impact_json_lists_every_request_with_both_outcomes(world: World) -> None:
    refs = world.import_bcbst()
    result = run(world, "nina", "impact", "--policy", "BCBST-IXEMPRA@draft", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output[result.output.index("{") :])
    rows = {r["reference"]: r for r in data["rows"]}
    assert set(rows) == set(refs.values())
    for name, (now, under) in BCBST_CASES.items():
        assert (rows[refs[name]]["outcome_now"], rows[refs[name]]["outcome_under"]) == (now, under)
    assert data["changed"] == 2 and "member" not in data["rows"][0]


def test_impact_words_and_csv_file_is_private_and_never_overwritten(
    world: World, tmp_path: Path
) -> None:
    world.import_bcbst()
    words = run(world, "nina", "impact", "--policy", "BCBST-IXEMPRA@draft")
    assert "4 requests replayed; 2 would change" in words.output
    assert "meets the criteria → does not meet the criteria" in words.output
    out = tmp_path / "impact.csv"
    ok = run(
        world, "drpat", "impact", "--policy", "BCBST-IXEMPRA@draft", "--members", "--csv", str(out)
    )
    assert ok.exit_code == 0, ok.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    rows = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))
    assert rows[0][:2] == ["reference", "member"] and len(rows) == 5
    again = run(world, "drpat", "impact", "--policy", "BCBST-IXEMPRA@draft", "--csv", str(out))
    assert again.exit_code == 2 and "exists (add --force" in again.output
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep")
    link = tmp_path / "link.csv"
    os.symlink(target, link)
    refused = run(world, "nina", "impact", "--policy", "BCBST-IXEMPRA@draft", "--csv", str(link))
    assert refused.exit_code == 2 and "symbolic link" in refused.output
    forced = run(
        world, "nina", "impact", "--policy", "BCBST-IXEMPRA@draft", "--csv", str(link), "--force"
    )
    assert forced.exit_code == 0 and target.read_text() == "keep" and not link.is_symlink()


def test_bad_input_is_one_line_exit_2(world: World) -> None:
    bad_policy = run(world, "nina", "impact", "--policy", "NOPE@1")
    assert bad_policy.exit_code == 2 and "policy: unknown policy" in bad_policy.output
    assert "Traceback" not in bad_policy.output
    bad_date = run(world, "nina", "report", "metrics", "--from", "2026-13-01")
    assert bad_date.exit_code == 2 and "is not a date" in bad_date.output
    members = run(world, "admin", "impact", "--policy", "BCBST-IXEMPRA@draft", "--members")
    assert members.exit_code == 1 and "reviewer" in members.output


def test_report_metrics_json_and_words(world: World) -> None:
    world.import_bcbst()
    result = run(
        world,
        "admin",
        "report",
        "metrics",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--period",
        "year",
        "--json",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output[result.output.index("{") :])
    (year,) = data["periods"]
    assert year["period"] == "2026"
    assert year["standard"]["received"] + year["expedited"]["received"] == 4
    words = run(world, "admin", "report", "metrics", "--from", "2026-11-01", "--to", "2026-11-30")
    assert words.exit_code == 0 and "Overdue now:" in words.output
