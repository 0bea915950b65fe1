"""The shipped sample requests: valid case files, listed in the index, reaching their outcomes.

New reviewers practise on these and `ixreview demo` drives them through the whole
workflow, so each must parse without warnings and reach exactly the outcome its
index entry promises under its policy.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from ixreview.domain.case import RequestType
from ixreview.domain.engine import evaluate
from ixreview.domain.evaluation import Outcome
from ixreview.domain.intake import parse_case_json, plausibility_warnings
from ixreview.domain.policies import all_policies

SAMPLES = Path(str(resources.files("ixreview") / "resources" / "samples"))
INDEX: dict[str, Any] = yaml.safe_load((SAMPLES / "samples.yaml").read_text(encoding="utf-8"))
ENTRIES: list[dict[str, Any]] = INDEX["samples"]
WORKFLOWS = {"approve", "refer_then_deny", "pend"}


def _text(entry: dict[str, Any]) -> str:
    return (SAMPLES / entry["file"]).read_text(encoding="utf-8")


def _ids(entry: dict[str, Any]) -> str:
    return str(entry["file"])


def test_index_lists_every_sample_file_once() -> None:
    assert INDEX["format"] == "ixreview-samples/1"
    listed = [e["file"] for e in ENTRIES]
    assert len(listed) == len(set(listed))
    assert sorted(listed) == sorted(p.name for p in SAMPLES.glob("*.json"))


@pytest.mark.parametrize("entry", ENTRIES, ids=_ids)
def test_index_entry_is_complete(entry: dict[str, Any]) -> None:
    for key in ("file", "title", "policy", "expected_outcome", "workflow", "purpose"):
        assert entry.get(key), f"{entry['file']}: {key} is empty"
    assert entry["workflow"] in WORKFLOWS
    assert Outcome(entry["expected_outcome"])  # a real outcome name
    expected_workflow = {
        Outcome.MEETS: "approve",
        Outcome.DOES_NOT_MEET: "refer_then_deny",
        Outcome.NEEDS_INFORMATION: "pend",
    }[Outcome(entry["expected_outcome"])]
    assert entry["workflow"] == expected_workflow


@pytest.mark.parametrize("entry", ENTRIES, ids=_ids)
def test_sample_parses_without_warnings(entry: dict[str, Any]) -> None:
    case = parse_case_json(_text(entry))
    assert plausibility_warnings(case) == []
    assert case.received_on.year == 2026


def test_samples_are_distinct_requests_with_varied_names() -> None:
    cases = [parse_case_json(_text(e)) for e in ENTRIES]
    assert len({c.reference for c in cases}) == len(cases)
    assert len({c.member.id for c in cases}) == len(cases)
    assert len({c.prescriber.npi for c in cases}) == len(cases)
    # Letters must cope with accented names; most sample members have one.
    accented = [c.member.full_name for c in cases if not c.member.full_name.isascii()]
    assert len(accented) >= len(cases) - 1


def test_samples_cover_what_a_new_reviewer_practises() -> None:
    """Issue 7: an approval under each policy, a referral, a pend, a continuation."""
    policies_in_force = {p.id for p in all_policies() if p.status == "in_force"}
    approved_under = {e["policy"] for e in ENTRIES if e["workflow"] == "approve"}
    assert policies_in_force <= approved_under
    assert any(e["workflow"] == "refer_then_deny" for e in ENTRIES)
    assert any(e["workflow"] == "pend" for e in ENTRIES)
    continuations = [e for e in ENTRIES if parse_case_json(_text(e)).is_continuation]
    assert continuations and all(e.get("continues") for e in continuations)


@pytest.mark.parametrize("entry", ENTRIES, ids=_ids)
def test_sample_reaches_its_expected_outcome(entry: dict[str, Any]) -> None:
    case = parse_case_json(_text(entry))
    evaluation = evaluate(case, policy=entry["policy"])
    assert evaluation.outcome == Outcome(entry["expected_outcome"]), evaluation.summary
    if evaluation.outcome == Outcome.MEETS:
        assert evaluation.authorization is not None
    if evaluation.outcome == Outcome.NEEDS_INFORMATION:
        assert evaluation.missing
    if "compare" in entry:
        other = evaluate(case, policy=entry["compare"]["policy"])
        assert other.outcome == Outcome(entry["compare"]["expected_outcome"])


def test_continuation_names_the_authorization_it_extends() -> None:
    for entry in ENTRIES:
        data = json.loads(_text(entry))
        if data["request_type"] == RequestType.CONTINUATION:
            assert data["continuation"]["prior_authorization"] == entry["continues"]
            assert data["continuation"]["unacceptable_toxicity"] is False
            assert data["continuation"]["disease_progression"] is False


def test_pend_sample_asks_for_the_her2_report() -> None:
    entry = next(e for e in ENTRIES if e["workflow"] == "pend")
    evaluation = evaluate(parse_case_json(_text(entry)), policy=entry["policy"])
    assert "biomarkers.her2_test_on_file" in evaluation.missing


def test_referral_sample_fails_on_the_hepatic_exclusion() -> None:
    entry = next(e for e in ENTRIES if e["workflow"] == "refer_then_deny")
    evaluation = evaluate(parse_case_json(_text(entry)), policy=entry["policy"])
    exclusions = evaluation.met_exclusions()
    assert [c.id for c in exclusions], evaluation.summary
    assert any("AST" in c.reason for c in exclusions)
