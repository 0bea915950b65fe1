"""The reviewer's checklist answers, Qt-free: values, their origin, and the Case they make.

This is the model the checklist pages view (napari style: plain data here, a thin
QObject adapter in `ixreview.ui.review_model` emits the change signals). It does
not import Qt, so it is tested without a display and could move to the domain.

Every answer is keyed by its `ixreview-case/1` field path ("labs.anc_per_mm3").
Values are kept as the reviewer typed them (a string "24OO" stays a string), so
the domain's own validation produces the message shown at the field, in words.
Each answer records where it came from:

- imported: the value is the one in the imported case file;
- entered: the case file had nothing there and the reviewer filled it in;
- override: the reviewer changed a value the case file gave.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from ixreview.domain.case import FORMAT_ID, Case
from ixreview.domain.intake import CaseError, Finding, parse_case_data, plausibility_warnings


class Origin(StrEnum):
    IMPORTED = "imported"
    ENTERED = "entered"
    OVERRIDE = "override"


# The scalar (or list-of-lines) answers, per checklist page. `prior_therapies` and
# `diagnosis.icd10_codes` are list answers handled by their pages as one value.
PAGE_FIELDS: dict[str, tuple[str, ...]] = {
    "request": (
        "reference",
        "received_at",
        "urgency",
        "request_type",
        "member.id",
        "member.first_name",
        "member.last_name",
        "member.birth_date",
        "member.address",
        "member.plan",
        "prescriber.name",
        "prescriber.npi",
        "prescriber.phone",
        "prescriber.fax",
        "prescriber.address",
        "medication.regimen",
        "medication.dose_mg_per_m2",
        "medication.bsa_m2",
        "medication.interval_days",
        "medication.requested_start",
        "continuation.prior_authorization",
        "continuation.unacceptable_toxicity",
        "continuation.disease_progression",
    ),
    "diagnosis": (
        "diagnosis.icd10_codes",
        "diagnosis.extent",
        "diagnosis.no_response_to_preoperative_therapy",
        "diagnosis.breast_cancer_confirmed",
    ),
    "treatment": ("prior_therapies", "prior_lines_of_therapy", "anthracycline_contraindicated"),
    "biomarkers": (
        "biomarkers.her2",
        "biomarkers.her2_test_on_file",
        "biomarkers.hormone_receptor",
        "biomarkers.on_endocrine_therapy",
    ),
    "labs": (
        "labs.collected_on",
        "labs.anc_per_mm3",
        "labs.platelets_per_mm3",
        "labs.ast_u_l",
        "labs.ast_uln",
        "labs.alt_u_l",
        "labs.alt_uln",
        "labs.bilirubin_mg_dl",
        "labs.bilirubin_uln",
        "cremophor_hypersensitivity",
    ),
}
PAGES: tuple[str, ...] = (*PAGE_FIELDS, "decision")
# What the reviewer reads for each page: the step list and any message naming a page.
STEP_TITLES: dict[str, str] = {
    "request": "1 Request",
    "diagnosis": "2 Diagnosis",
    "treatment": "3 Treatment history",
    "biomarkers": "4 Biomarkers",
    "labs": "5 Labs",
    "decision": "6 Decision",
}
ALL_FIELDS: tuple[str, ...] = tuple(p for fields in PAGE_FIELDS.values() for p in fields)
_PAGE_OF = {p: page for page, fields in PAGE_FIELDS.items() for p in fields}

# Cell counts: the case format stores cells/mm³; labs often report the others.
COUNT_UNITS: dict[str, float] = {"cells/mm³": 1.0, "×10⁹/L": 1000.0, "×10³/µL": 1000.0}

_MISSING: Any = object()  # "no imported value at all" (an empty review)


def page_of(path: str) -> str:
    """The checklist page that shows a field path (an error's path may be deeper)."""
    head = re.sub(r"\[\d+\].*$", "", path)
    if head in _PAGE_OF:
        return _PAGE_OF[head]
    for candidate in ALL_FIELDS:
        if head.startswith(candidate + ".") or candidate.startswith(head + "."):
            return _PAGE_OF[candidate]
    return "request"


def blank(value: Any) -> Any:
    """Empty text and empty lists mean "not documented"."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, list) and not value:
        return None
    return value


def same_value(a: Any, b: Any) -> bool:
    """Equal as the reviewer means it: "2400" is the imported 2400.0."""
    a, b = blank(a), blank(b)
    if a == b:
        return True
    if a is None or b is None or isinstance(a, bool) or isinstance(b, bool):
        return False
    try:
        return float(a) == float(b)
    except (TypeError, ValueError):
        return str(a) == str(b)


def to_count(value: float, unit: str) -> float:
    """A neutrophil or platelet count in `unit` -> cells/mm³."""
    return value * COUNT_UNITS[unit]


def from_count(value: float, unit: str) -> float:
    return value / COUNT_UNITS[unit]


@dataclass
class Answer:
    value: Any
    origin: Origin | None  # None: not documented and never touched
    imported: Any = _MISSING

    @property
    def was_imported(self) -> bool:
        return self.imported is not _MISSING and self.imported is not None


@dataclass
class Derived:
    """What the state makes of its answers: a Case (when possible) and the findings."""

    case: Case | None
    errors: list[Finding]
    warnings: list[Finding]


@dataclass
class ReviewState:
    """All answers of one review, plus the reviewer's per-page confirmations and notes."""

    answers: dict[str, Answer]
    confirmed: set[str] = field(default_factory=set)
    units: dict[str, str] = field(default_factory=dict)  # labs field -> unit shown
    clause_comments: dict[str, str] = field(default_factory=dict)
    comment: str = ""
    policy: str | None = None  # None: the version in force on received_at
    compare_draft: bool = False

    # -- construction -----------------------------------------------------------------
    @classmethod
    def from_case(cls, case: Case) -> ReviewState:
        data = case.model_dump(mode="json", by_alias=True, exclude_none=False)
        answers: dict[str, Answer] = {}
        for path in ALL_FIELDS:
            value = _get(data, path)
            answers[path] = Answer(
                copy.deepcopy(value), Origin.IMPORTED if value is not None else None, value
            )
        return cls(answers)

    @classmethod
    def empty(cls, reference: str, received_at: datetime) -> ReviewState:
        """A review started by hand: nothing imported, everything entered."""
        answers = {p: Answer(None, None) for p in ALL_FIELDS}
        answers["reference"] = Answer(reference, Origin.ENTERED)
        answers["received_at"] = Answer(received_at.isoformat(), Origin.ENTERED)
        return cls(answers)

    # -- answers ----------------------------------------------------------------------
    def value(self, path: str) -> Any:
        return self.answers[path].value

    def origin(self, path: str) -> Origin | None:
        return self.answers[path].origin

    def set(self, path: str, value: Any) -> bool:
        """Record the reviewer's answer; returns False when nothing changed."""
        answer = self.answers[path]
        value = _normalized(value)
        if same_value(answer.value, value) and type(blank(answer.value)) is type(blank(value)):
            return False
        answer.value = value
        if answer.was_imported:
            answer.origin = (
                Origin.IMPORTED if same_value(value, answer.imported) else Origin.OVERRIDE
            )
        else:
            answer.origin = Origin.ENTERED if blank(value) is not None else None
        self.confirmed.discard(page_of(path))
        return True

    def overrides(self) -> list[str]:
        return [p for p, a in self.answers.items() if a.origin == Origin.OVERRIDE]

    # -- the Case for the engine --------------------------------------------------------
    def case_data(self, skip: Iterable[str] = ()) -> dict[str, Any]:
        """The answers as an `ixreview-case/1` document (paths in `skip` left out)."""
        skipped = set(skip)
        data: dict[str, Any] = {"format": FORMAT_ID}
        for path in ALL_FIELDS:
            if path in skipped:
                continue
            value = blank(self.answers[path].value)
            if path == "prior_therapies" and isinstance(value, list):
                value = [
                    {k: blank(v) for k, v in row.items() if blank(v) is not None}
                    for i, row in enumerate(value)
                    if f"prior_therapies[{i}]" not in skipped
                ]
            if path == "diagnosis.icd10_codes" and isinstance(value, list):
                value = [
                    c for i, c in enumerate(value) if f"diagnosis.icd10_codes[{i}]" not in skipped
                ]
            if path.startswith("continuation.") and value is None:
                continue
            _put(data, path, value)
        return data

    def derive(self) -> Derived:
        """Validate the answers; the errors name their fields.

        When some answers are invalid, the Case is still built without them (they
        count as not documented), so the criteria panel keeps updating while the
        reviewer corrects a field.
        """
        case: Case | None = None
        try:
            case = parse_case_data(self.case_data())
            return Derived(case, [], [*plausibility_warnings(case)])
        except CaseError as exc:
            errors = [_locate(f) for f in exc.findings]
        skip: set[str] = set()
        for _ in range(4):  # each pass drops what the previous one found invalid
            skip |= {_skippable(f.path) for f in errors}
            try:
                case = parse_case_data(self.case_data(skip))
                break
            except CaseError as exc:
                more = [_locate(f) for f in exc.findings]
                errors += [f for f in more if f not in errors]
        warnings = plausibility_warnings(case) if case is not None else []
        return Derived(case, errors, warnings)

    # -- persistence (the store keeps this as JSON) ------------------------------------
    def to_record(self) -> dict[str, Any]:
        return {
            "answers": {
                p: {
                    "value": a.value,
                    "origin": a.origin.value if a.origin else None,
                    "imported": None if a.imported is _MISSING else a.imported,
                    "has_imported": a.imported is not _MISSING,
                }
                for p, a in self.answers.items()
            },
            "confirmed": sorted(self.confirmed),
            "units": dict(self.units),
            "clause_comments": dict(self.clause_comments),
            "comment": self.comment,
            "policy": self.policy,
            "compare_draft": self.compare_draft,
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> ReviewState:
        answers = {p: Answer(None, None) for p in ALL_FIELDS}
        for p, a in record.get("answers", {}).items():
            if p in answers:
                answers[p] = Answer(
                    a.get("value"),
                    Origin(a["origin"]) if a.get("origin") else None,
                    a.get("imported") if a.get("has_imported", True) else _MISSING,
                )
        return cls(
            answers,
            set(record.get("confirmed", [])),
            dict(record.get("units", {})),
            dict(record.get("clause_comments", {})),
            str(record.get("comment", "")),
            record.get("policy"),
            bool(record.get("compare_draft", False)),
        )


def _normalized(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list):
        return copy.deepcopy(value)
    return value


def _get(data: dict[str, Any], path: str) -> Any:
    node: Any = data
    for part in path.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


def _put(data: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    node = data
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value


_PATH_IN_MESSAGE = re.compile(r"\b([a-z_]+\.[a-z_0-9]+)\b")


def _locate(finding: Finding) -> Finding:
    """Whole-case checks have no path; the message names the field, so use that."""
    if finding.path:
        return finding
    m = _PATH_IN_MESSAGE.search(finding.message)
    return Finding(m.group(1), finding.message) if m else finding


def _skippable(path: str) -> str:
    """The answer to leave out so that the rest of the case validates."""
    m = re.match(r"(prior_therapies\[\d+\])", path)
    if m:
        return m.group(1)
    m = re.match(r"(diagnosis\.icd10_codes\[\d+\])", path)
    if m:
        return m.group(1)
    head = re.sub(r"\[\d+\].*$", "", path)
    for candidate in ALL_FIELDS:
        if head == candidate or head.startswith(candidate + "."):
            return candidate
    return head
