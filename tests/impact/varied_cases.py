"""Varied, valid cases for the replay: the example and the samples with random changes
to every field the policies read (seeded, so a failure is reproducible). The impact
benchmark imports this too, so the speed figure is measured on cases like these."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parents[2]
SAMPLES = sorted((ROOT / "ixreview" / "resources" / "samples").glob("*.json"))
BASES = [ROOT / "tests" / "data" / "example-case.json", *SAMPLES]
THERAPIES = [
    {"agent": "doxorubicin", "setting": "adjuvant", "start": "2022-03-01", "end": "2022-05-10",
     "progressed_on_therapy": False, "progression_date": None},
    {"agent": "docetaxel", "setting": "metastatic", "start": "2025-09-01", "end": "2026-02-15",
     "progressed_on_therapy": False, "progression_date": "2026-04-20"},
    {"agent": "paclitaxel", "setting": "neoadjuvant", "start": "2024-01-10", "end": "2024-04-01",
     "progressed_on_therapy": True, "progression_date": "2024-03-20"},
    {"agent": "capecitabine", "setting": "metastatic", "start": "2026-03-01", "end": None,
     "progressed_on_therapy": True, "progression_date": "2026-09-01"},
    {"agent": "trastuzumab", "setting": "metastatic", "start": "2025-06-01", "end": "2026-01-01",
     "progressed_on_therapy": False, "progression_date": None},
]  # fmt: skip


def _maybe(rng: random.Random, value: Any, none: float = 0.15) -> Any:
    return None if rng.random() < none else value


def varied_case(rng: random.Random, bases: list[dict[str, Any]], p: float = 0.2) -> dict[str, Any]:
    """A base case with each field changed with probability `p` (most cases stay near
    one that meets the criteria, so every kind of outcome change occurs)."""
    data = copy.deepcopy(rng.choice(bases))
    med, dx, bio, labs = data["medication"], data["diagnosis"], data["biomarkers"], data["labs"]
    changes: dict[str, Any] = {
        "urgency": lambda: data.__setitem__("urgency", rng.choice(["standard", "expedited"])),
        "request_type": lambda: data.__setitem__(
            "request_type", rng.choice(["initial", "continuation", None])
        ),
        "continuation": lambda: data.__setitem__("continuation", {
            "prior_authorization": "AUTH-00000001",
            "unacceptable_toxicity": _maybe(rng, rng.random() < 0.2),
            "disease_progression": _maybe(rng, rng.random() < 0.2),
        }),
        "regimen": lambda: med.__setitem__(
            "regimen", rng.choice(["monotherapy", "with_capecitabine", "with_trastuzumab"])
        ),
        "extent": lambda: dx.__setitem__("extent", _maybe(rng, rng.choice(
            ["early", "locally_advanced", "locally_recurrent", "recurrent_unresectable",
             "metastatic"]))),
        "no_response": lambda: dx.__setitem__(
            "no_response_to_preoperative_therapy", _maybe(rng, rng.random() < 0.2)
        ),
        "her2": lambda: bio.__setitem__(
            "her2", _maybe(rng, rng.choice(["positive", "negative", "unknown"]))
        ),
        "her2_on_file": lambda: bio.__setitem__("her2_test_on_file", _maybe(rng, True)),
        "hr": lambda: bio.__setitem__(
            "hormone_receptor", _maybe(rng, rng.choice(["positive", "negative", "unknown"]))
        ),
        "lines": lambda: data.__setitem__("prior_lines_of_therapy", _maybe(rng, rng.randint(0, 4))),
        "anthracycline_ci": lambda: data.__setitem__(
            "anthracycline_contraindicated", _maybe(rng, rng.random() < 0.3)
        ),
        "cremophor": lambda: data.__setitem__(
            "cremophor_hypersensitivity", _maybe(rng, rng.random() < 0.5)
        ),
        "therapies": lambda: data.__setitem__(
            "prior_therapies", rng.sample(THERAPIES, rng.randint(0, len(THERAPIES)))
        ),
        "anc": lambda: labs.__setitem__(
            "anc_per_mm3", _maybe(rng, rng.choice([900, 1400, 1500, 1600, 4000]))
        ),
        "platelets": lambda: labs.__setitem__(
            "platelets_per_mm3", _maybe(rng, rng.choice([60000, 99000, 100000, 250000]))
        ),
        "ast": lambda: labs.__setitem__("ast_u_l", _maybe(rng, rng.choice([20, 100, 130]))),
        "bilirubin": lambda: labs.__setitem__(
            "bilirubin_mg_dl", _maybe(rng, rng.choice([0.5, 1.3, 2.0]))
        ),
    }  # fmt: skip
    for change in changes.values():
        if rng.random() < p:
            change()
    if data["continuation"] is not None and data["request_type"] == "initial":
        data["continuation"] = None  # the intake refuses a continuation of an initial request
    return data


def base_cases() -> list[dict[str, Any]]:
    return [json.loads(p.read_text("utf-8")) for p in BASES]


def varied_cases(n: int, seed: int = 14) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    bases = base_cases()
    return [varied_case(rng, bases) for _ in range(n)]
