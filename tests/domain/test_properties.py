"""Property tests: no valid case makes the engine fail, and undocumented facts never flip
an outcome that was reached without them.

Cases are generated as JSON documents and read through the strict intake, so every
generated case is one a real file could hold. Nulls that carry a meaning
(`prior_therapies[].end`: ongoing; `progression_date`: no progression unless later
treatment implies one; `cremophor_hypersensitivity`: none reported) are never "filled
in"; every other null is "not documented" and may be filled with any value.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from domain_helpers import (
    ALL_VERSIONS,
    bcbst_capecitabine,
    bcbst_monotherapy,
    bcbst_trastuzumab,
    case_from,
    changed,
    continuation_of,
    example,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ixreview.domain.engine import evaluate
from ixreview.domain.evaluation import Outcome, Truth

RECEIVED = date(2026, 11, 19)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

CODES = ["C50.412", "C50.911", "C50.011", "C79.81", "Z85.3", "C79.51", "Z17.0", "Z17.31"]
AGENTS: list[tuple[str, str | None]] = [
    ("paclitaxel", None),
    ("Taxotere", None),
    ("nab-paclitaxel", None),
    ("doxorubicin", None),
    ("Ellence", None),
    ("Doxil", None),
    ("capecitabine", None),
    ("Herceptin", None),
    ("Ogivri", None),
    ("Kadcyla", None),
    ("letrozole", None),
    ("cabazitaxel", "taxane"),
    ("eribulin", "other"),
    ("Adriamycin", "anthracycline"),
]


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


def dates(lo: date, hi: date) -> st.SearchStrategy[str]:
    return st.dates(min_value=lo, max_value=hi).map(date.isoformat)


# Lab values: mostly clinical ranges, sometimes any finite float the format allows.
def lab(lo: float, hi: float) -> st.SearchStrategy[float]:
    return st.one_of(
        st.floats(lo, hi, allow_nan=False, allow_infinity=False).map(lambda x: round(x, 2)),
        st.floats(0, allow_nan=False, allow_infinity=False),
    )


def uln(lo: float, hi: float) -> st.SearchStrategy[float]:
    return st.one_of(
        st.floats(lo, hi).map(lambda x: round(x, 2)),
        st.floats(min_value=1e-9, allow_nan=False, allow_infinity=False),
    )


FIELD_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "urgency": st.sampled_from(["standard", "expedited"]),
    "medication.regimen": st.sampled_from(["monotherapy", "with_capecitabine", "with_trastuzumab"]),
    "medication.dose_mg_per_m2": st.floats(1, 200).map(lambda x: round(x, 1)),
    "medication.bsa_m2": st.floats(0.5, 5).map(lambda x: round(x, 2)),
    "medication.interval_days": st.integers(1, 366),
    "medication.requested_start": dates(date(2026, 11, 1), date(2027, 3, 1)),
    "diagnosis.icd10_codes": st.lists(st.sampled_from(CODES), max_size=3),
    "diagnosis.extent": st.sampled_from(
        ["early", "locally_advanced", "locally_recurrent", "recurrent_unresectable", "metastatic"]
    ),
    "diagnosis.no_response_to_preoperative_therapy": st.booleans(),
    "diagnosis.breast_cancer_confirmed": st.booleans(),
    "biomarkers.her2": st.sampled_from(["positive", "negative", "unknown"]),
    "biomarkers.her2_test_on_file": st.booleans(),
    "biomarkers.hormone_receptor": st.sampled_from(["positive", "negative", "unknown"]),
    "biomarkers.on_endocrine_therapy": st.booleans(),
    "prior_lines_of_therapy": st.integers(0, 30),
    "anthracycline_contraindicated": st.booleans(),
    "labs.collected_on": dates(date(2026, 9, 1), RECEIVED),
    "labs.anc_per_mm3": lab(0, 6000),
    "labs.platelets_per_mm3": lab(0, 400_000),
    "labs.ast_u_l": lab(0, 500),
    "labs.ast_uln": uln(10, 60),
    "labs.alt_u_l": lab(0, 500),
    "labs.alt_uln": uln(10, 60),
    "labs.bilirubin_mg_dl": lab(0, 5),
    "labs.bilirubin_uln": uln(0.8, 1.5),
}
THERAPY_FIELDS: dict[str, st.SearchStrategy[Any]] = {
    "setting": st.sampled_from(["neoadjuvant", "adjuvant", "metastatic"]),
    "progressed_on_therapy": st.booleans(),
}
CONTINUATION_FIELDS: dict[str, st.SearchStrategy[Any]] = {
    "prior_authorization": st.just("AUTH-1"),
    "unacceptable_toxicity": st.booleans(),
    "disease_progression": st.booleans(),
}


@st.composite
def therapies(draw: st.DrawFn) -> dict[str, Any]:
    agent, cls = draw(st.sampled_from(AGENTS))
    start = draw(st.dates(date(2015, 1, 1), date(2026, 10, 1)))
    t: dict[str, Any] = {"agent": agent, "start": start.isoformat()}
    if cls is not None:
        t["class"] = cls
    end = draw(maybe(st.integers(0, 400).map(lambda n: start + timedelta(days=n))))
    t["end"] = end.isoformat() if end else None
    prog = draw(maybe(st.integers(0, 900).map(lambda n: start + timedelta(days=n))))
    t["progression_date"] = prog.isoformat() if prog else None
    for name, values in THERAPY_FIELDS.items():
        t[name] = draw(maybe(values))
    if draw(st.booleans()):
        t["start"] = None  # undocumented start
    return t


@st.composite
def cases(draw: st.DrawFn) -> dict[str, Any]:
    """Any valid case: every optional field may be null."""
    data: dict[str, Any] = {
        "format": "ixreview-case/1",
        "reference": "PA-PROP-1",
        "received_at": "2026-11-19T09:30:00-06:00",
    }
    for path, values in FIELD_VALUES.items():
        data = changed(data, {path: draw(maybe(values))})
    data["prior_therapies"] = draw(maybe(st.lists(therapies(), max_size=4)))
    # a meaningful null (none reported), so generated but never "filled in" below
    data["cremophor_hypersensitivity"] = draw(maybe(st.booleans()))
    request_type = draw(maybe(st.sampled_from(["initial", "continuation"])))
    data["request_type"] = request_type
    if request_type != "initial" and draw(st.booleans()):
        data["continuation"] = {k: draw(maybe(v)) for k, v in CONTINUATION_FIELDS.items()}
    return data


def undocumented_paths(data: dict[str, Any]) -> list[str]:
    """Fields that are null or absent and whose null means "not documented"."""

    def get(path: str) -> Any:
        node: Any = data
        for p in path.split("."):
            if node is None:
                return None
            node = node[int(p)] if isinstance(node, list) else node.get(p)
        return node

    paths = [p for p in FIELD_VALUES if get(p) is None]
    if data.get("request_type") is None:
        paths.append("request_type")
    if data.get("prior_therapies") is None:
        paths.append("prior_therapies")
    for i, t in enumerate(data.get("prior_therapies") or []):
        paths += [f"prior_therapies.{i}.{k}" for k in THERAPY_FIELDS if t.get(k) is None]
        if t.get("start") is None:
            paths.append(f"prior_therapies.{i}.start")
    if data.get("continuation") is None:
        if data.get("request_type") != "initial":
            paths.append("continuation")
    else:
        paths += [f"continuation.{k}" for k, v in data["continuation"].items() if v is None]
    return paths


@st.composite
def fillings(draw: st.DrawFn, data: dict[str, Any]) -> dict[str, Any]:
    """Values for some of the undocumented fields of `data`, each a valid value."""
    chosen = (
        draw(st.lists(st.sampled_from(undocumented_paths(data)), unique=True))
        if (undocumented_paths(data))
        else []
    )
    fill: dict[str, Any] = {}
    for path in chosen:
        if path in FIELD_VALUES:
            fill[path] = draw(FIELD_VALUES[path])
        elif path == "request_type":
            continuing = data.get("continuation") is not None or "continuation" in chosen
            fill[path] = (
                "continuation" if continuing else draw(st.sampled_from(["initial", "continuation"]))
            )
        elif path == "prior_therapies":
            fill[path] = draw(st.lists(therapies(), max_size=3))
        elif path == "continuation":
            fill[path] = {k: draw(v) for k, v in CONTINUATION_FIELDS.items()}
            if "request_type" in fill and fill["request_type"] == "initial":
                fill["request_type"] = "continuation"
        elif path.startswith("continuation."):
            fill[path] = draw(CONTINUATION_FIELDS[path.split(".")[1]])
        elif path.endswith(".start"):
            i = int(path.split(".")[1])
            t = data["prior_therapies"][i]
            bound = min(
                [date.fromisoformat(t[k]) for k in ("end", "progression_date") if t.get(k)],
                default=date(2026, 10, 1),
            )
            fill[path] = (bound - timedelta(days=draw(st.integers(0, 800)))).isoformat()
        else:
            fill[path] = draw(THERAPY_FIELDS[path.split(".")[-1]])
    if fill.get("request_type") == "initial":
        fill.pop("continuation", None)
    return fill


@SETTINGS
@given(cases())
def test_no_valid_case_makes_the_engine_fail(data: dict[str, Any]) -> None:
    c = case_from(data)
    for policy in ALL_VERSIONS:
        ev = evaluate(c, policy)
        assert (ev.missing == []) == (ev.outcome != Outcome.NEEDS_INFORMATION)
        assert (ev.authorization is not None) <= (ev.outcome == Outcome.MEETS)
        json.dumps(ev.to_json_dict())  # the --json contract serializes
        for clause in ev.clauses:
            assert clause.reason
            assert (clause.missing != []) <= (clause.status == Truth.UNKNOWN)


MEETING_BASES = [example, bcbst_capecitabine, bcbst_monotherapy, bcbst_trastuzumab]
BLANKABLE = [
    *FIELD_VALUES,
    "request_type",
    "prior_therapies",
    "continuation",
    "prior_therapies.0.setting",
    "prior_therapies.0.progressed_on_therapy",
    "prior_therapies.1.setting",
    "prior_therapies.1.progressed_on_therapy",
    "continuation.unacceptable_toxicity",
    "continuation.disease_progression",
]


@st.composite
def near_decisions(draw: st.DrawFn) -> dict[str, Any]:
    """A case that meets some policy, with some facts blanked and some thresholds moved."""
    base = draw(st.sampled_from(MEETING_BASES))()
    if draw(st.booleans()):
        base = continuation_of(base, draw(maybe(st.booleans())), draw(maybe(st.booleans())))
    blank = draw(st.lists(st.sampled_from(BLANKABLE), unique=True, max_size=6))
    changes: dict[str, Any] = {}
    for path in blank:
        if path.startswith("continuation.") and (
            base.get("continuation") is None or "continuation" in blank
        ):
            continue  # would create a section, or write into a blanked one
        if path.startswith("prior_therapies.") and "prior_therapies" in blank:
            continue
        changes[path] = None
    moved = {
        "labs.anc_per_mm3": st.sampled_from([1499, 1500, 900, 2400]),
        "labs.platelets_per_mm3": st.sampled_from([99_999, 100_000, 210_000]),
        "labs.ast_u_l": st.sampled_from([100, 100.01, 31]),
        "labs.bilirubin_mg_dl": st.sampled_from([1.2, 1.21, 0.7]),
        "diagnosis.extent": FIELD_VALUES["diagnosis.extent"],
        "medication.regimen": FIELD_VALUES["medication.regimen"],
    }
    for path in draw(st.lists(st.sampled_from(sorted(moved)), unique=True, max_size=2)):
        changes.setdefault(path, draw(moved[path]))
    return changed(base, changes)


def _check_monotone(data: dict[str, Any], fill: dict[str, Any]) -> None:
    before = case_from(data)
    after = case_from(changed(data, fill))
    for policy in ALL_VERSIONS:
        first = evaluate(before, policy)
        if first.outcome == Outcome.NEEDS_INFORMATION:
            assert first.missing
            continue
        assert first.missing == []
        second = evaluate(after, policy)
        assert second.outcome == first.outcome, (policy, fill)


@SETTINGS
@given(st.data())
def test_filling_undocumented_fields_never_changes_a_reached_outcome(data: st.DataObject) -> None:
    case_data = data.draw(near_decisions())
    fill = data.draw(fillings(case_data))
    _check_monotone(case_data, fill)


@SETTINGS
@given(st.data())
def test_monotone_for_arbitrary_cases(data: st.DataObject) -> None:
    case_data = data.draw(cases())
    fill = data.draw(fillings(case_data))
    _check_monotone(case_data, fill)
