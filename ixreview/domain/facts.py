"""Named facts that policy logic trees refer to, computed from a case.

A policy data file says `{fact: anc, lt: 1500}`; this module says what `anc` is,
where it comes from in the case (the field paths reported when it is missing) and
how to say its value in words. New policy versions reuse these names; a new fact
is the only reason a policy change needs Python.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from ixreview.domain import icd10
from ixreview.domain.case import Case
from ixreview.domain.drugs import DrugClass
from ixreview.domain.fact_model import (
    FactSpec,
    FactValue,
    bool_fact,
    dec,
    enum_fact,
    fmt_number,
    fmt_ratio,
)
from ixreview.domain.limits import ANC_UNIT_DOUBT, LAB_MAX_AGE_DAYS, PLATELET_UNIT_DOUBT
from ixreview.domain.resistance import failure, resistance


def _baseline_lab(
    name: str, label: str, unit: str, aged: Callable[[Case, int], FactValue]
) -> FactSpec:
    return FactSpec(name, label, "number", unit, lambda c: aged(c, LAB_MAX_AGE_DAYS), aged=aged)


# -- diagnosis ---------------------------------------------------------------

_BREAST_SECONDARY = {"C79.81", "Z85.3"}


def _breast_cancer(case: Case) -> FactValue:
    codes = case.diagnosis.icd10_codes
    if not codes:
        return FactValue(None, "no diagnosis code is documented", ("diagnosis.icd10_codes",))
    primary = [c for c in codes if c.startswith("C50")]
    if primary:
        c = primary[0]
        return FactValue(True, f"breast cancer is established by {c} ({icd10.description(c)})")
    secondary = [c for c in codes if c in _BREAST_SECONDARY]
    if secondary:
        named = ", ".join(f"{c} ({icd10.description(c)})" for c in secondary)
        confirmed = case.diagnosis.breast_cancer_confirmed
        if confirmed is None:
            return FactValue(
                None,
                f"{named} alone does not establish a current breast cancer; "
                "the reviewer must confirm it",
                ("diagnosis.breast_cancer_confirmed",),
            )
        verdict = "confirmed" if confirmed else "not confirmed"
        return FactValue(confirmed, f"{named}: breast cancer {verdict} by the reviewer")
    return FactValue(
        False, f"no breast cancer code among {', '.join(codes)} (a C50 code is needed)"
    )


# -- labs --------------------------------------------------------------------


def _stale_labs(case: Case, max_age_days: int) -> str | None:
    """Why the labs are not a current baseline, or None when they are."""
    collected = case.labs.collected_on
    if collected is None:
        when = "the date the labs were collected is not documented"
    elif (case.received_on - collected).days > max_age_days:
        when = (
            f"the labs were collected on {collected}, "
            f"{(case.received_on - collected).days} days before the request was received "
            f"(more than {max_age_days})"
        )
    else:
        return None
    # The label's limits are for the values before this cycle, not for an undated or
    # month-old value.
    return (
        f"{when}; labs collected more than {max_age_days} days before the request, or "
        "undated, are not a current baseline, so current labs are needed"
    )


def _count(
    case: Case, value: float | None, path: str, label: str, doubt_below: int, max_age_days: int
) -> FactValue:
    if value is None:
        return FactValue(None, f"{label}: not documented", (path,))
    d = dec(value)
    stale = _stale_labs(case, max_age_days)
    if stale is not None:
        doubt = (path,) if d < doubt_below else ()
        return FactValue(
            None,
            f"{label} {fmt_number(d)} cells/mm³ is not a current baseline: {stale}",
            ("labs.collected_on", *doubt),
        )
    if d < doubt_below:
        # "Platelets 150" is almost surely 150 ×10³/µL: never judge it as 150 cells/mm³.
        return FactValue(
            None,
            f"{label} {fmt_number(d)} cells/mm³ reads as a unit mistake; "
            "confirm the value in cells/mm³",
            (path,),
        )
    shown = fmt_number(d)
    return FactValue(
        d,
        f"{label} {shown} cells/mm³",
        plain=f"the {label.removeprefix('Baseline ').lower()} before treatment is "
        f"{shown} cells/mm³",
    )


def _ratio(
    case: Case,
    value: float | None,
    uln: float | None,
    names: tuple[str, str],
    paths: tuple[str, str],
    max_age_days: int,
) -> FactValue:
    name, unit = names
    vpath, upath = paths
    missing = tuple(p for p, v in ((vpath, value), (upath, uln)) if v is None)
    if value is None or uln is None:
        return FactValue(None, f"{name} or its upper limit of normal is not documented", missing)
    stale = _stale_labs(case, max_age_days)
    if stale is not None:  # liver values are baseline labs too (hepatic exclusion)
        return FactValue(
            None,
            f"{name} {fmt_number(dec(value))} {unit} is not a current baseline: {stale}",
            ("labs.collected_on",),
        )
    v, u = dec(value), dec(uln)
    ratio = v / u
    shown, times, limit = fmt_number(v), fmt_ratio(ratio), fmt_number(u)
    long_name = _LONG_NAMES.get(name, name.lower())
    return FactValue(
        ratio,
        f"{name} {shown} {unit} is {times} × the upper limit of normal ({limit} {unit})",
        plain=f"{long_name} is {shown} {unit}, {times} times "
        f"the upper limit of normal ({limit} {unit})",
    )


_LONG_NAMES = {
    "AST": "the liver enzyme AST (aspartate aminotransferase)",
    "ALT": "the liver enzyme ALT (alanine aminotransferase)",
    "Total bilirubin": "total bilirubin",
}


_TRI_PLAIN = {
    True: "the records show {noun} ({expl})",
    False: "the records show no {noun} ({expl})",
    None: "the records do not show whether there was {noun} ({expl})",
}


def _tri_fact(label: str, noun: str, fn: Callable[[Case], object]) -> Callable[[Case], FactValue]:
    """A derived yes/no fact; `noun` says it in plain words ("progression after a taxane")."""

    def compute(case: Case) -> FactValue:
        tri = fn(case)
        value = getattr(tri, "value")  # noqa: B009 - Tri from resistance
        expl = getattr(tri, "explanation")  # noqa: B009
        missing = getattr(tri, "missing")  # noqa: B009
        verdict = {True: "yes", False: "no", None: "not documented"}[value]
        plain = _TRI_PLAIN[value].format(noun=noun, expl=expl)  # only the one said
        return FactValue(value, f"{label}: {verdict} ({expl})", tuple(missing), plain)

    return compute


def _cremophor(case: Case) -> FactValue:
    # Null is "none reported" (case.py): a contraindication is reported when present.
    if case.cremophor_hypersensitivity:
        return FactValue(
            True,
            "severe hypersensitivity to Cremophor EL (polyoxyethylated castor oil) is "
            "reported; the Ixempra label contraindicates the drug",
        )
    if case.cremophor_hypersensitivity is False:
        return FactValue(False, "the request states no severe hypersensitivity to Cremophor EL")
    return FactValue(False, "no severe hypersensitivity to Cremophor EL is reported")


def _continuation(attr: str, label: str) -> Callable[[Case], FactValue]:
    def compute(case: Case) -> FactValue:
        c = case.continuation
        value = getattr(c, attr) if c is not None else None
        return bool_fact(
            value,
            f"continuation.{attr}",
            f"{label}: reported",
            f"no {label.lower()} reported",
            label,
        )

    return compute


FACTS: dict[str, FactSpec] = {
    f.name: f
    for f in [
        FactSpec("breast_cancer", "Breast cancer diagnosis", "bool", "", _breast_cancer),
        FactSpec(
            "extent",
            "Extent of disease",
            "enum",
            "",
            lambda c: enum_fact(c.diagnosis.extent, "diagnosis.extent", "Extent of disease"),
            (
                "early",
                "locally_advanced",
                "locally_recurrent",
                "recurrent_unresectable",
                "metastatic",
            ),
        ),
        FactSpec(
            "no_response_to_preoperative_therapy",
            "No response to preoperative therapy",
            "bool",
            "",
            lambda c: bool_fact(
                c.diagnosis.no_response_to_preoperative_therapy,
                "diagnosis.no_response_to_preoperative_therapy",
                "the disease did not respond to preoperative systemic therapy",
                "no failed preoperative therapy is reported",
                "Response to preoperative therapy",
            ),
        ),
        FactSpec(
            "regimen",
            "Requested regimen",
            "enum",
            "",
            lambda c: enum_fact(c.medication.regimen, "medication.regimen", "Requested regimen"),
            ("monotherapy", "with_capecitabine", "with_trastuzumab"),
            "requested treatment",
        ),
        FactSpec(
            "prior_lines_of_therapy",
            "Prior lines of therapy",
            "number",
            "lines",
            lambda c: (
                FactValue(
                    None, "Prior lines of therapy: not documented", ("prior_lines_of_therapy",)
                )
                if c.prior_lines_of_therapy is None
                else FactValue(
                    Decimal(c.prior_lines_of_therapy),
                    f"{c.prior_lines_of_therapy} prior line(s) of therapy",
                    plain=f"the member has had {c.prior_lines_of_therapy} earlier line(s) "
                    "of treatment",
                )
            ),
        ),
        FactSpec(
            "her2",
            "HER2 status",
            "enum",
            "",
            lambda c: enum_fact(c.biomarkers.her2, "biomarkers.her2", "HER2 status"),
            ("positive", "negative"),
            "human epidermal growth factor receptor 2 (HER2) status",
        ),
        FactSpec(
            "her2_on_file",
            "HER2 status from a test report on file",
            "enum",
            "",
            lambda c: _her2_on_file(c),
            ("positive", "negative"),
            "human epidermal growth factor receptor 2 (HER2) status on the test report",
        ),
        FactSpec(
            "hormone_receptor",
            "Hormone receptor status",
            "enum",
            "",
            lambda c: enum_fact(
                c.biomarkers.hormone_receptor,
                "biomarkers.hormone_receptor",
                "Hormone receptor status",
            ),
            ("positive", "negative"),
        ),
        FactSpec(
            "taxane_resistant",
            "Taxane resistance",
            "bool",
            "",
            _tri_fact(
                "Taxane resistance",
                "resistance to a taxane",
                lambda c: resistance(c, DrugClass.TAXANE),
            ),
        ),
        FactSpec(
            "anthracycline_resistant",
            "Anthracycline resistance",
            "bool",
            "",
            _tri_fact(
                "Anthracycline resistance",
                "resistance to an anthracycline",
                lambda c: resistance(c, DrugClass.ANTHRACYCLINE),
            ),
        ),
        FactSpec(
            "taxane_failure",
            "Failure of a taxane",
            "bool",
            "",
            _tri_fact(
                "Failure of a taxane",
                "progression during or after a taxane",
                lambda c: failure(c, DrugClass.TAXANE),
            ),
        ),
        FactSpec(
            "anthracycline_failure",
            "Failure of an anthracycline",
            "bool",
            "",
            _tri_fact(
                "Failure of an anthracycline",
                "progression during or after an anthracycline",
                lambda c: failure(c, DrugClass.ANTHRACYCLINE),
            ),
        ),
        FactSpec(
            "capecitabine_failure",
            "Failure of capecitabine",
            "bool",
            "",
            _tri_fact(
                "Failure of capecitabine",
                "progression during or after capecitabine",
                lambda c: failure(c, DrugClass.CAPECITABINE),
            ),
        ),
        FactSpec(
            "anthracycline_contraindicated",
            "Further anthracycline therapy contraindicated",
            "bool",
            "",
            lambda c: bool_fact(
                c.anthracycline_contraindicated,
                "anthracycline_contraindicated",
                "further anthracycline therapy is contraindicated",
                "further anthracycline therapy is not contraindicated",
                "Anthracycline contraindication",
            ),
        ),
        _baseline_lab(
            "anc",
            "Baseline neutrophil count",
            "cells/mm³",
            lambda c, days: _count(
                c,
                c.labs.anc_per_mm3,
                "labs.anc_per_mm3",
                "Baseline neutrophil count",
                ANC_UNIT_DOUBT,
                days,
            ),
        ),
        _baseline_lab(
            "platelets",
            "Baseline platelet count",
            "cells/mm³",
            lambda c, days: _count(
                c,
                c.labs.platelets_per_mm3,
                "labs.platelets_per_mm3",
                "Baseline platelet count",
                PLATELET_UNIT_DOUBT,
                days,
            ),
        ),
        _baseline_lab(
            "ast_ratio",
            "AST / upper limit of normal",
            "×",
            lambda c, days: _ratio(
                c,
                c.labs.ast_u_l,
                c.labs.ast_uln,
                ("AST", "U/L"),
                ("labs.ast_u_l", "labs.ast_uln"),
                days,
            ),
        ),
        _baseline_lab(
            "alt_ratio",
            "ALT / upper limit of normal",
            "×",
            lambda c, days: _ratio(
                c,
                c.labs.alt_u_l,
                c.labs.alt_uln,
                ("ALT", "U/L"),
                ("labs.alt_u_l", "labs.alt_uln"),
                days,
            ),
        ),
        _baseline_lab(
            "bilirubin_ratio",
            "Bilirubin / upper limit of normal",
            "×",
            lambda c, days: _ratio(
                c,
                c.labs.bilirubin_mg_dl,
                c.labs.bilirubin_uln,
                ("Total bilirubin", "mg/dL"),
                ("labs.bilirubin_mg_dl", "labs.bilirubin_uln"),
                days,
            ),
        ),
        FactSpec(
            "cremophor_hypersensitivity",
            "Severe hypersensitivity to Cremophor EL",
            "bool",
            "",
            _cremophor,
        ),
        FactSpec(
            "unacceptable_toxicity",
            "Unacceptable toxicity on the current regimen",
            "bool",
            "",
            _continuation("unacceptable_toxicity", "Unacceptable toxicity"),
        ),
        FactSpec(
            "disease_progression",
            "Disease progression on the current regimen",
            "bool",
            "",
            _continuation("disease_progression", "Disease progression"),
        ),
    ]
}


def _her2_on_file(case: Case) -> FactValue:
    on_file = case.biomarkers.her2_test_on_file
    if on_file is not True:
        state = "not documented" if on_file is None else "not on file"
        return FactValue(
            None,
            f"the HER2 test report is {state}; it is needed to review HER2 status",
            ("biomarkers.her2_test_on_file",),
        )
    v = enum_fact(case.biomarkers.her2, "biomarkers.her2", "HER2 status (report on file)")
    return v


def compute_facts(case: Case, names: set[str]) -> dict[str, FactValue]:
    return {n: FACTS[n].compute(case) for n in names}
