"""Fixtures for the workflow tests: real engine evaluations of the example case."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from ixreview.domain.engine import evaluate
from ixreview.domain.evaluation import Evaluation
from ixreview.domain.intake import parse_case_json

EXAMPLE = Path(__file__).parent.parent / "data" / "example-case.json"


def case_data(**dotted: Any) -> dict[str, Any]:
    """The example case with dotted-path changes ({"labs.anc_per_mm3": 1000})."""
    out: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    for path, value in dotted.items():
        node = out
        *parents, last = path.split(".")
        for p in parents:
            node = node[p]
        if value is _DELETE:
            del node[last]
        else:
            node[last] = copy.deepcopy(value)
    return out


_DELETE = object()
DELETE: Any = _DELETE


def evaluation_of(data: dict[str, Any], policy: str = "ING-CC-0090") -> Evaluation:
    return evaluate(parse_case_json(json.dumps(data)), policy)


@pytest.fixture(scope="session")
def meets() -> Evaluation:
    ev = evaluation_of(case_data())
    assert ev.outcome.value == "meets_criteria"
    return ev


@pytest.fixture(scope="session")
def not_meets() -> Evaluation:
    ev = evaluation_of(case_data(**{"labs.anc_per_mm3": 1000}))
    assert ev.outcome.value == "does_not_meet_criteria"
    return ev


@pytest.fixture(scope="session")
def needs_info() -> Evaluation:
    ev = evaluation_of(case_data(**{"labs.anc_per_mm3": DELETE}))
    assert ev.outcome.value == "needs_information"
    return ev


@pytest.fixture(scope="session")
def draft_policy() -> Evaluation:
    ev = evaluation_of(case_data(), "BCBST-IXEMPRA@draft")
    assert ev.policy.status == "draft"
    return ev
