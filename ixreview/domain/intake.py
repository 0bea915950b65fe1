"""Reading a case file: JSON -> `Case`, or one clear message per problem.

Every message names the field path the way the case format writes it
(`diagnosis.icd10_codes[0]`) and says what is wrong in words. The GUI shows the
same messages at the field; the CLI prints them on stderr.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import ValidationError

from ixreview.domain.case import Case
from ixreview.domain.limits import (
    ANC_UNIT_DOUBT,
    LAB_MAX_AGE_DAYS,
    MAX_DOCUMENT_BYTES,
    PLATELET_UNIT_DOUBT,
    QUOTE_CHARS,
)
from ixreview.domain.plausibility import implausible_inputs


@dataclass(frozen=True)
class Finding:
    """One problem (or doubt) about one field."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class CaseError(Exception):
    """The case file cannot be read; `findings` lists every problem."""

    def __init__(self, findings: Sequence[Finding]):
        self.findings = list(findings)
        super().__init__("\n".join(str(f) for f in self.findings))


def field_path(loc: Sequence[int | str]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + shorten(part)  # an unknown key may be huge
    return out


def shorten(text: str) -> str:
    """At most QUOTE_CHARS characters of `text`: a message never carries megabytes."""
    return text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS] + "…"


def quote(value: object) -> str:
    """A value as JSON for a message, cut to a short prefix."""
    return shorten(json.dumps(value, ensure_ascii=False, default=str))


_TYPE_WORDS = {
    "string_type": "must be text",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "list_type": "must be a list",
    "model_type": "must be an object",
    "model_attributes_type": "must be an object",
    "dict_type": "must be an object",
    "date_from_datetime_parsing": "must be a date written YYYY-MM-DD",
    "date_parsing": "must be a date written YYYY-MM-DD",
    "date_type": "must be a date written YYYY-MM-DD",
    "datetime_parsing": "must be a timestamp in ISO 8601 with an offset",
    "datetime_from_date_parsing": "must be a timestamp in ISO 8601 with an offset",
    "datetime_type": "must be a timestamp in ISO 8601 with an offset",
    "timezone_aware": "must include a UTC offset (for example -06:00)",
    "missing": "is required",
    "extra_forbidden": "is not a field of the ixreview-case/1 format",
    "finite_number": "must be a finite number",
    "string_too_short": "must not be empty",
}


def _message(err: Mapping[str, Any]) -> str:
    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    if kind in ("enum", "literal_error"):
        expected = ctx.get("expected", "")
        return f"{quote(value)} is not allowed; expected {expected}"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bound = {
            "greater_than": f"greater than {ctx.get('gt')}",
            "greater_than_equal": f"at least {ctx.get('ge')}",
            "less_than": f"less than {ctx.get('lt')}",
            "less_than_equal": f"at most {ctx.get('le')}",
        }[kind]
        return f"{shorten(str(value))} is impossible; it must be {bound}"
    if kind == "string_pattern_mismatch":
        return f"{quote(value)} has characters that are not allowed"
    if kind == "string_too_long":
        return f"is too long (at most {ctx.get('max_length')} characters)"
    if kind == "too_long":
        return f"has too many entries (at most {ctx.get('max_length')})"
    words = _TYPE_WORDS.get(kind)
    if words and kind not in ("missing", "extra_forbidden"):
        return f"{words} (got {quote(value)})"
    return words or shorten(str(err["msg"]))


MAX_FINDINGS = 30  # a hostile file must not flood the terminal with messages


def findings_from(error: ValidationError) -> list[Finding]:
    errors = error.errors(include_url=False)
    out = [Finding(field_path(e["loc"]), _message(e)) for e in errors[:MAX_FINDINGS]]
    if len(errors) > MAX_FINDINGS:
        out.append(Finding("", f"and {len(errors) - MAX_FINDINGS} more problems"))
    return out


# Sections that are objects: null means "not documented", exactly like absent.
_SECTIONS = ("member", "prescriber", "medication", "diagnosis", "biomarkers", "labs")


def _without_null_sections(data: dict[str, Any]) -> dict[str, Any]:
    # Done here, not in a model validator: a "before" validator would make pydantic
    # validate the nested sections as Python values, defeating strict JSON parsing.
    return {k: v for k, v in data.items() if not (k in _SECTIONS and v is None)}


def parse_case_data(data: object) -> Case:
    """Validate answers held as Python values (the checklist's form).

    pydantic's Python mode, with its usual coercions; case files from outside go
    through `parse_case_json`, which is strict.
    """
    if not isinstance(data, dict):
        raise CaseError([Finding("", "the case file must hold one JSON object")])
    try:
        return Case.model_validate(_without_null_sections(data))
    except ValidationError as exc:
        raise CaseError(findings_from(exc)) from None


class _Object(dict[str, Any]):
    """A decoded JSON object that remembers the keys it was given more than once."""

    duplicates: dict[str, int]


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    obj = _Object(pairs)
    counts: dict[str, int] = {}
    for key, _ in pairs:
        counts[key] = counts.get(key, 0) + 1
    obj.duplicates = {k: n for k, n in counts.items() if n > 1}
    return obj


def _duplicate_findings(node: Any, path: str = "") -> list[Finding]:
    """Every key given twice, at its object's path: JSON would silently keep the last."""
    out: list[Finding] = []
    if isinstance(node, dict):
        for key, n in getattr(node, "duplicates", {}).items():
            times = "twice" if n == 2 else f"{n} times"
            out.append(Finding(path, f"the field {shorten(key)} appears {times}"))
        for key, value in node.items():
            key = shorten(key)
            out.extend(_duplicate_findings(value, f"{path}.{key}" if path else key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out.extend(_duplicate_findings(value, f"{path}[{i}]"))
    return out


_TOO_BIG = (
    f"the case file is larger than {MAX_DOCUMENT_BYTES // 1024} KB; a request is a few KB, "
    "so this is not one"
)
_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
)


def read_case_bytes(raw: bytes) -> str:
    """The one reader of case files (`evaluate`, `import`, the GUI): bytes -> text.

    The rule: at most MAX_DOCUMENT_BYTES (checked before anything is decoded),
    UTF-8, one leading UTF-8 byte order mark tolerated and dropped (Windows editors
    write it); UTF-16 and UTF-32 are refused, naming the encoding.
    """
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise CaseError([Finding("", _TOO_BIG)])
    for bom, name in _BOMS:
        if raw.startswith(bom):
            raise CaseError(
                [
                    Finding(
                        "",
                        f"the case file is not UTF-8 text (it is marked as {name}); "
                        "save it as UTF-8 and try again",
                    )
                ]
            )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CaseError(
            [Finding("", f"the case file is not UTF-8 text (byte {exc.start + 1} is not)")]
        ) from None


def parse_case_json(text: str | bytes) -> Case:
    """Decode and validate one `ixreview-case/1` document.

    Bytes go through `read_case_bytes` (size, encoding); text is held to the same
    size limit before it is parsed, and a leading byte order mark is dropped.
    Strict JSON types: `true` is not a neutrophil count of 1, `"yes"` is not a
    boolean and `0` is not a date; each is an error naming its field. A key given
    twice in one object is an error too (plain JSON decoding keeps the last).
    """
    if isinstance(text, bytes):
        text = read_case_bytes(text)
    elif len(text) > MAX_DOCUMENT_BYTES or len(text.encode("utf-8")) > MAX_DOCUMENT_BYTES:
        raise CaseError([Finding("", _TOO_BIG)])
    text = text.removeprefix("\ufeff")
    try:
        data = json.loads(text, object_pairs_hook=_object)
    except json.JSONDecodeError as exc:
        raise CaseError(
            [Finding("", f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")]
        ) from None
    except (ValueError, RecursionError) as exc:  # absurd nesting or a 5,000-digit number
        raise CaseError(
            [Finding("", f"the case file cannot be read as JSON: {shorten(str(exc))}")]
        ) from None
    if not isinstance(data, dict):
        raise CaseError([Finding("", "the case file must hold one JSON object")])
    try:
        duplicates = _duplicate_findings(data)
        # Re-encoded so that pydantic sees JSON (dates as text) in strict mode.
        case = Case.model_validate_json(json.dumps(_without_null_sections(data)), strict=True)
    except ValidationError as exc:
        raise CaseError(duplicates + findings_from(exc)) from None
    except RecursionError:  # nesting json.loads accepted but cannot be re-encoded
        raise CaseError([Finding("", "the case file is nested too deeply")]) from None
    if duplicates:
        raise CaseError(duplicates)
    return case


# Who the request is for and who asks: without these it cannot be imported, decided
# or lettered (an approval with units for nobody). `evaluate` lists the gaps.
IDENTITY_FIELDS = (
    ("member.id", "the member's ID"),
    ("member.first_name", "the member's first name"),
    ("member.last_name", "the member's last name"),
    ("member.birth_date", "the member's birth date"),
    ("member.address", "the member's address"),
    ("prescriber.name", "the prescriber's name"),
    ("prescriber.npi", "the prescriber's NPI"),
)


def identity_gaps(case: Case) -> list[Finding]:
    """One finding per identity field that is absent, null or an empty list."""
    out: list[Finding] = []
    for path, words in IDENTITY_FIELDS:
        section, name = path.split(".")
        if not getattr(getattr(case, section), name):
            out.append(
                Finding(
                    path,
                    f"not documented: {words} is needed before the request can be decided "
                    "or lettered",
                )
            )
    return out


def check_importable(case: Case) -> None:
    """Raise CaseError naming every missing identity field (`ixreview import`)."""
    gaps = identity_gaps(case)
    if gaps:
        raise CaseError(gaps)


# Plausibility: values that may be true but usually mean a mistake.
BSA_RANGE = (1.0, 3.0)


def plausibility_warnings(case: Case, lab_max_age_days: int = LAB_MAX_AGE_DAYS) -> list[Finding]:
    """Doubts about the values; `lab_max_age_days`: the plan's setting (default 30)."""
    out = identity_gaps(case) + [Finding(i.path, i.message) for i in implausible_inputs(case)]
    labs = case.labs
    if labs.anc_per_mm3 is not None and labs.anc_per_mm3 < ANC_UNIT_DOUBT:
        out.append(
            Finding(
                "labs.anc_per_mm3",
                f"{labs.anc_per_mm3:g} cells/mm³ is implausibly low; was it given in ×10⁹/L "
                f"({labs.anc_per_mm3:g} ×10⁹/L = {labs.anc_per_mm3 * 1000:,.0f} cells/mm³)?",
            )
        )
    if labs.platelets_per_mm3 is not None and labs.platelets_per_mm3 < PLATELET_UNIT_DOUBT:
        out.append(
            Finding(
                "labs.platelets_per_mm3",
                f"{labs.platelets_per_mm3:g} cells/mm³ is implausibly low; was it given in ×10³/µL "
                f"({labs.platelets_per_mm3:g} ×10³/µL = "
                f"{labs.platelets_per_mm3 * 1000:,.0f} cells/mm³)?",
            )
        )
    if labs.collected_on is not None:
        age = (case.received_on - labs.collected_on).days
        if age > lab_max_age_days:
            out.append(
                Finding(
                    "labs.collected_on",
                    f"labs were collected {age} days before the request was received "
                    f"(more than {lab_max_age_days}); they may not be baseline values",
                )
            )
    bsa = case.medication.bsa_m2
    if bsa is not None and not BSA_RANGE[0] <= bsa <= BSA_RANGE[1]:
        out.append(
            Finding(
                "medication.bsa_m2",
                f"a body surface area of {bsa:g} m² is outside the usual "
                f"{BSA_RANGE[0]:g}–{BSA_RANGE[1]:g} m²; check height and weight",
            )
        )
    out.extend(_lines_warnings(case))
    if case.member.birth_date is not None:
        age_years = _years_between(case.member.birth_date, case.received_on)
        if age_years > 110:
            out.append(Finding("member.birth_date", f"the member would be {age_years} years old"))
    for i, t in enumerate(case.prior_therapies or []):
        for name in ("start", "end", "progression_date"):
            value = getattr(t, name)
            if value is not None and value > case.received_on:
                out.append(
                    Finding(
                        f"prior_therapies[{i}].{name}",
                        f"{value} is after the request was received ({case.received_on})",
                    )
                )
        if t.progressed_on_therapy is False and t.progression_date and t.end is None:
            out.append(
                Finding(
                    f"prior_therapies[{i}]",
                    "progression is dated while the regimen is still ongoing, "
                    "yet progressed_on_therapy is false",
                )
            )
    return out


def _lines_warnings(case: Case) -> list[Finding]:
    """Attested lines of therapy that the listed regimens cannot account for."""
    lines, listed = case.prior_lines_of_therapy, case.prior_therapies
    if not lines or listed is None:
        return []
    if not listed:
        return [
            Finding(
                "prior_lines_of_therapy",
                f"{lines} prior line(s) of therapy are attested but prior_therapies lists "
                "no regimen; add the treatment history or correct the count",
            )
        ]
    if lines > len(listed):
        return [
            Finding(
                "prior_lines_of_therapy",
                f"{lines} prior lines of therapy are attested but prior_therapies lists only "
                f"{len(listed)} regimen(s); check the count against the treatment history",
            )
        ]
    return []


def _years_between(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))
