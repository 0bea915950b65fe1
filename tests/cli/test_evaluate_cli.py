"""`ixreview evaluate` and `ixreview policies`: the readable tree, the --json contract,
exit statuses, and messages (never a traceback) for every kind of bad input."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from ixreview.cli import cli

EXAMPLE = Path(__file__).parents[1] / "data" / "example-case.json"


def example() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return copy.deepcopy(data)


def invoke(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin)


def case_file(tmp_path: Path, data: dict[str, Any] | str, name: str = "case.json") -> str:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def evaluate_json(tmp_path: Path, data: dict[str, Any], policy: str) -> dict[str, Any]:
    result = invoke("evaluate", case_file(tmp_path, data), "--policy", policy, "--json")
    assert result.exit_code == 0, result.output
    out: dict[str, Any] = json.loads(result.stdout)
    return out


def test_json_contract_shape(tmp_path: Path) -> None:
    out = evaluate_json(tmp_path, example(), "ING-CC-0090")
    assert {"policy", "outcome", "clauses", "missing", "authorization", "warnings"} <= set(out)
    assert out["policy"]["id"] == "ING-CC-0090"
    assert out["policy"]["version"] == "2022-02-25"
    assert out["policy"]["title"] == "Clinical Criteria: Ixempra (ixabepilone)"
    assert out["policy"]["status"] == "in_force"
    assert out["outcome"] == "meets_criteria"
    assert out["missing"] == []
    assert out["warnings"] == []
    for clause in out["clauses"]:
        assert {"id", "text", "status", "reason"} <= set(clause)
        assert clause["status"] in {"met", "not_met", "unknown", "not_applicable"}
        assert isinstance(clause["reason"], str) and clause["reason"]
    first = out["clauses"][0]
    assert (first["id"], first["status"]) == ("I", "met")
    assert (
        first["text"]
        == "Individual has a diagnosis of breast cancer, metastatic or locally advanced"
    )
    auth = out["authorization"]
    assert (auth["months"], auth["units_per_dose"], auth["units_total"]) == (6, 75, 675)


@pytest.mark.parametrize(
    ("policy", "changes", "outcome", "missing", "status"),
    [
        (
            "BCBST-IXEMPRA",
            {"labs": {"anc_per_mm3": 1499}},
            "does_not_meet_criteria",
            [],
            "in_force",
        ),
        # the case-format example: metastatic docetaxel after the adjuvant doxorubicin means
        # the disease came back, on a date the file does not give
        (
            "BCBST-IXEMPRA",
            {},
            "needs_information",
            ["prior_therapies[0].progression_date"],
            "in_force",
        ),
        (
            "ING-CC-0090",
            {"labs": {"anc_per_mm3": None}},
            "needs_information",
            ["labs.anc_per_mm3"],
            "in_force",
        ),
        (
            "BCBST-IXEMPRA@draft",
            {"medication": {"regimen": "monotherapy"}},
            "meets_criteria",
            [],
            "draft",
        ),
    ],
)
def test_every_outcome_exits_zero(
    tmp_path: Path,
    policy: str,
    changes: dict[str, Any],
    outcome: str,
    missing: list[str],
    status: str,
) -> None:
    data = example()
    for section, values in changes.items():
        data[section].update(values)
    out = evaluate_json(tmp_path, data, policy)
    assert (out["outcome"], out["missing"], out["policy"]["status"]) == (outcome, missing, status)
    assert (out["authorization"] is None) == (outcome != "meets_criteria")
    if status == "draft":
        assert out["warnings"][0].startswith("BCBST-IXEMPRA@draft is a draft for comparison only")
    if outcome == "needs_information":
        unknown = [c["id"] for c in out["clauses"] if c["status"] == "unknown"]
        expected = {"ING-CC-0090": ["NA.I"], "BCBST-IXEMPRA": ["BC", "CC.3", "CC.3.a", "OTHER"]}
        assert unknown == expected[policy]


def test_json_is_one_object_and_plain_unicode(tmp_path: Path) -> None:
    result = invoke(
        "evaluate", case_file(tmp_path, example()), "--policy", "BCBST-IXEMPRA", "--json"
    )
    assert result.exit_code == 0
    assert isinstance(json.loads(result.stdout), dict)
    assert "Ixempra®" in result.stdout  # not \u00ae escapes
    assert result.stderr == ""


def test_human_output_shows_the_clause_tree_then_the_outcome(tmp_path: Path) -> None:
    data = example()
    data["labs"]["ast_u_l"] = 105
    result = invoke("evaluate", case_file(tmp_path, data), "--policy", "ING-CC-0090")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "Policy: Clinical Criteria: Ixempra (ixabepilone) (ING-CC-0090), "
        "ING-CC-0090 version 2022-02-25"
    )
    text = result.stdout
    assert (
        "Requests for Ixempra (ixabepilone) may be approved if the following criteria are met:"
        in text
    )
    assert "  [met]             I  Individual has a diagnosis of breast cancer" in text
    assert (
        "    [not met]         II.A  As monotherapy in individuals treated with two prior lines"
        in text
    )
    assert "  [met]             II  Any of the following indications" in text
    assert "AST 105 U/L is 2.63 × the upper limit of normal (40 U/L); the limit is 2.5 ×" in text
    outcome = next(i for i, line in enumerate(lines) if line.startswith("Outcome: "))
    assert lines[outcome] == (
        "Outcome: does_not_meet_criteria — The request does not meet the criteria of "
        "ING-CC-0090 version 2022-02-25."
    )
    assert outcome > max(i for i, line in enumerate(lines) if line.lstrip().startswith("["))


def test_human_output_for_missing_information_and_approval(tmp_path: Path) -> None:
    data = example()
    data["diagnosis"]["extent"] = None
    pending = invoke("evaluate", case_file(tmp_path, data), "--policy", "ING-CC-0090")
    assert pending.exit_code == 0
    assert "[not documented]" in pending.stdout
    assert "Missing: diagnosis.extent" in pending.stdout
    approved = invoke(
        "evaluate", case_file(tmp_path, example(), "ok.json"), "--policy", "ING-CC-0090"
    )
    assert (
        "Authorization: 6 months, 2026-12-01 to 2027-05-31; J9207 75 units per dose × 9 doses "
        "= 675 units" in approved.stdout
    )
    three = invoke(
        "evaluate",
        case_file(tmp_path, example(), "ok.json"),
        "--policy",
        "ING-CC-0090",
        "--default-months",
        "3",
    )
    assert "Authorization: 3 months" in three.stdout


def test_draft_is_labelled_and_continuation_shows_not_applicable(tmp_path: Path) -> None:
    data = example()
    result = invoke("evaluate", case_file(tmp_path, data), "--policy", "BCBST-IXEMPRA@draft")
    assert "— DRAFT, comparison only" in result.stdout.splitlines()[0]
    assert "[n/a]" in result.stdout
    assert "Warning: BCBST-IXEMPRA@draft is a draft for comparison only" in result.stdout


def test_case_from_stdin(tmp_path: Path) -> None:
    result = invoke(
        "evaluate", "-", "--policy", "ING-CC-0090", "--json", stdin=json.dumps(example())
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout)["outcome"] == "meets_criteria"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"format": ', "malformed JSON at line 1, column 12: Expecting value"),
        ("[1, 2]", "the case file must hold one JSON object"),
        (None, 'labs.anc_per_mm3: must be a number (got "2400")'),
    ],
)
def test_invalid_input_exits_2_with_messages_on_stderr(
    tmp_path: Path, content: str | None, expected: str
) -> None:
    if content is None:
        data = example()
        data["labs"]["anc_per_mm3"] = "2400"
        content = json.dumps(data)
    path = case_file(tmp_path, content)
    result = invoke("evaluate", path, "--policy", "ING-CC-0090", "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"error: {path}: {expected}\n"
    assert "Traceback" not in result.output


def test_one_line_per_problem(tmp_path: Path) -> None:
    data = example()
    data["urgency"] = "soon"
    data["prescriber"]["npi"] = "1234567890"
    data["diagnosis"]["icd10_codes"] = ["C50.999"]
    path = case_file(tmp_path, data)
    result = invoke("evaluate", path, "--policy", "ING-CC-0090")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: {path}: urgency: \"soon\" is not allowed; expected 'standard' or 'expedited'",
        f'error: {path}: prescriber.npi: "1234567890" is not a valid NPI: its check digit is wrong',
        f'error: {path}: diagnosis.icd10_codes[0]: "C50.999" is not a valid ICD-10-CM code',
    ]


@pytest.mark.parametrize(
    ("policy", "message"),
    [
        ("UNKNOWN-1", 'error: unknown policy "UNKNOWN-1"; known: BCBST-IXEMPRA, ING-CC-0090'),
        (
            "ING-CC-0090@2020-01-01",
            'error: policy ING-CC-0090 has no version "2020-01-01"; versions: 2022-02-25',
        ),
    ],
)
def test_unknown_policy_or_version_exits_2(tmp_path: Path, policy: str, message: str) -> None:
    result = invoke("evaluate", case_file(tmp_path, example()), "--policy", policy)
    assert result.exit_code == 2
    assert result.stderr.strip() == message
    assert result.stdout == ""


def test_no_version_in_force_exits_2(tmp_path: Path) -> None:
    data = example()
    data["received_at"] = "2021-06-01T09:00:00-05:00"
    data["labs"]["collected_on"] = "2021-05-30"
    result = invoke("evaluate", case_file(tmp_path, data), "--policy", "ING-CC-0090")
    assert result.exit_code == 2
    assert (
        result.stderr.strip() == "error: policy ING-CC-0090 has no version in force on 2021-06-01"
    )


def test_unreadable_file_exits_2(tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    result = invoke("evaluate", str(missing), "--policy", "ING-CC-0090")
    assert result.exit_code == 2
    assert (
        result.stderr.strip()
        == f"error: {missing}: cannot read the file (No such file or directory)"
    )
    folder = invoke("evaluate", str(tmp_path), "--policy", "ING-CC-0090")
    assert folder.exit_code == 2 and "is a directory" in folder.stderr
    assert "Traceback" not in result.output + folder.output


def test_policy_is_required() -> None:
    result = invoke("evaluate", "case.json")
    assert result.exit_code == 2
    assert "Missing option '--policy'" in result.stderr


def test_policies_lists_every_version_with_status_and_dates() -> None:
    result = invoke("policies")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    by_key = {line.split()[0]: line for line in lines}
    assert "in force" in by_key["ING-CC-0090@2022-02-25"]
    assert "effective 2022-03-28" in by_key["ING-CC-0090@2022-02-25"]
    assert "in force" in by_key["BCBST-IXEMPRA@current"]
    assert "date not stated" in by_key["BCBST-IXEMPRA@current"]
    assert "DRAFT (comparison only)" in by_key["BCBST-IXEMPRA@draft"]


def test_policies_json() -> None:
    result = invoke("policies", "--json")
    rows = json.loads(result.stdout)
    assert [(r["key"], r["status"], r["effective_date"]) for r in rows] == [
        ("BCBST-IXEMPRA@current", "in_force", None),
        ("BCBST-IXEMPRA@draft", "draft", None),
        ("ING-CC-0090@2022-02-25", "in_force", "2022-03-28"),
    ]
    assert rows[2]["authorization_months"] is None and rows[0]["authorization_months"] == 12


def test_a_broken_policy_file_is_reported_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ixreview.domain import policies

    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: [", encoding="utf-8")
    builtin = policies._builtin_files()
    monkeypatch.setattr(policies, "_builtin_files", lambda: [*builtin, bad])
    policies.default_registry.cache_clear()
    try:
        result = invoke("policies")
        assert result.exit_code == 2
        assert result.stderr.startswith("error: bad.yaml: not valid YAML")
        evaluated = invoke("evaluate", case_file(tmp_path, example()), "--policy", "ING-CC-0090")
        assert evaluated.exit_code == 2 and "bad.yaml" in evaluated.stderr
    finally:
        monkeypatch.undo()
        policies.default_registry.cache_clear()


APPROVE_EVERYTHING = """\
schema: ixreview-policy/1
id: ING-CC-0090
version: "2026-01-01"
title: injected
issuer: nobody
document_number: ING-CC-0090
effective_date: 2026-01-01
status: in_force
source_file: none.txt
authorization_months: 12
clauses:
  - id: "I"
    number: "I"
    section: "x"
    role: approval
    text: "anything"
    logic: {fact: breast_cancer}
decision:
  initial: {clause: "I"}
  continuation: {clause: "I"}
"""


def test_no_environment_variable_can_put_a_policy_in_force(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """IXREVIEW_POLICY_DIR used to add policies for every user: it is ignored now."""
    from ixreview.domain import policies

    (tmp_path / "inject.yaml").write_text(APPROVE_EVERYTHING, encoding="utf-8")
    monkeypatch.setenv("IXREVIEW_POLICY_DIR", str(tmp_path))
    policies.default_registry.cache_clear()
    try:
        low = example()
        low["labs"]["anc_per_mm3"] = 900
        out = evaluate_json(tmp_path, low, "ING-CC-0090")
        assert out["policy"]["version"] == "2022-02-25"
        assert out["outcome"] == "does_not_meet_criteria"
        listed = json.loads(invoke("policies", "--json").stdout)
        assert "ING-CC-0090@2026-01-01" not in [r["key"] for r in listed]
    finally:
        policies.default_registry.cache_clear()
