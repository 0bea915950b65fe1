"""Case builders shared by the decision-core tests (tests/ is not a package).

`case(**changes)` starts from the case-format example (which meets ING-CC-0090 with
capecitabine) and applies dotted-path changes; `None` as a value writes JSON null,
`DROP` removes the key. Every case goes through the strict JSON intake, exactly as
a file would.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from ixreview.domain.case import Case
from ixreview.domain.engine import evaluate
from ixreview.domain.evaluation import Evaluation
from ixreview.domain.intake import parse_case_json

EXAMPLE = Path(__file__).parents[1] / "data" / "example-case.json"
ING = "ING-CC-0090"
BCBST = "BCBST-IXEMPRA"
DRAFT = "BCBST-IXEMPRA@draft"
ALL_VERSIONS = (ING, BCBST, DRAFT)
DROP = object()


def example() -> dict[str, Any]:
    return copy.deepcopy(json.loads(EXAMPLE.read_text(encoding="utf-8")))


def changed(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """Copy `base` with dotted paths set ("prior_therapies.1.end") or DROPped."""
    out = copy.deepcopy(base)
    for path, value in changes.items():
        node: Any = out
        parts = path.split(".")
        for p in parts[:-1]:
            node = node[int(p)] if isinstance(node, list) else node.setdefault(p, {})
        last: Any = int(parts[-1]) if isinstance(node, list) else parts[-1]
        if value is DROP:
            del node[last]
        else:
            node[last] = copy.deepcopy(value)
    return out


def case_from(data: dict[str, Any]) -> Case:
    return parse_case_json(json.dumps(data))


def case(base: dict[str, Any] | None = None, **changes: Any) -> Case:
    return case_from(changed(base if base is not None else example(), changes))


def run(
    policy: str,
    base: dict[str, Any] | None = None,
    *,
    lab_max_age_days: int = 30,
    **changes: Any,
) -> Evaluation:
    return evaluate(case(base, **changes), policy, lab_max_age_days=lab_max_age_days)


# -- bases that meet each coverage route -------------------------------------------


def therapy(
    agent: str,
    setting: str | None,
    start: str,
    end: str | None,
    *,
    on: bool | None = False,
    progression: str | None = None,
    cls: str | None = None,
) -> dict[str, Any]:
    t: dict[str, Any] = {
        "agent": agent,
        "setting": setting,
        "start": start,
        "end": end,
        "progressed_on_therapy": on,
        "progression_date": progression,
    }
    if cls is not None:
        t["class"] = cls
    return t


def bcbst_capecitabine() -> dict[str, Any]:
    """Meets BCBST CC.3 (in force and draft): both classes resistant and failed."""
    return changed(
        example(),
        {
            "prior_therapies": [
                therapy("doxorubicin", "metastatic", "2024-01-10", "2024-04-10", on=True),
                therapy(
                    "docetaxel", "metastatic", "2025-09-01", "2026-02-15", progression="2026-04-20"
                ),
            ],
        },
    )


def bcbst_monotherapy() -> dict[str, Any]:
    """Meets BCBST CC.1: HER2-negative metastatic disease, single agent, report on file."""
    return changed(example(), {"medication.regimen": "monotherapy"})


def bcbst_trastuzumab() -> dict[str, Any]:
    """Meets BCBST CC.2 in force and in the draft (three prior lines)."""
    return changed(
        example(),
        {
            "medication.regimen": "with_trastuzumab",
            "biomarkers.her2": "positive",
            "prior_lines_of_therapy": 3,
        },
    )


def continuation_of(
    base: dict[str, Any], toxicity: bool | None = False, progression: bool | None = False
) -> dict[str, Any]:
    return changed(
        base,
        {
            "request_type": "continuation",
            "continuation": {
                "prior_authorization": "AUTH-2026-0001",
                "unacceptable_toxicity": toxicity,
                "disease_progression": progression,
            },
        },
    )
