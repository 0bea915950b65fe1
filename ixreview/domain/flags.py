"""Review flags: why a request needs a physician reviewer even when it meets the criteria.

A nurse may approve only what meets the criteria *and* raises none of these. Each
flag is one plain-language sentence for the reviewer and the record. They never
change the outcome: the criteria decide coverage, the flags decide who may sign.
"""

from __future__ import annotations

from decimal import Decimal

from ixreview.domain.case import Case, Regimen, Status
from ixreview.domain.dosing import (
    LABEL_DOSE_MG_PER_M2,
    LABEL_INTERVAL_DAYS,
    hepatic_monotherapy_warning,
    period_warnings,
)
from ixreview.domain.plausibility import implausible_inputs
from ixreview.domain.policies import PolicyVersion

_CONTINUATION_FACTS = {
    "disease_progression": "disease progression",
    "unacceptable_toxicity": "unacceptable toxicity",
}


def _num(x: Decimal) -> str:
    return f"{x.normalize():f}"


def review_flags(case: Case, version: PolicyVersion, months: int) -> list[str]:
    """Every reason this request must go to a physician reviewer, in plain words."""
    out: list[str] = []
    med = case.medication
    dose = Decimal(str(med.dose_mg_per_m2)) if med.dose_mg_per_m2 is not None else None
    if dose is not None and dose > LABEL_DOSE_MG_PER_M2:
        out.append(
            f"The requested dose of {_num(dose)} mg/m² is above the label dose of "
            f"{LABEL_DOSE_MG_PER_M2} mg/m²; a physician must review the dosing."
        )
    if med.interval_days is not None and med.interval_days < LABEL_INTERVAL_DAYS:
        out.append(
            f"Doses are requested every {med.interval_days} days, more often than the label's "
            f"every 3 weeks ({LABEL_INTERVAL_DAYS} days); a physician must review the schedule."
        )
    # No flag for a body surface area above 2.2 m² alone: the label caps the area, the
    # authorization is worked out on the capped area (`dosing`, 88 mg at 40 mg/m²) and
    # the letter says so; a dose above that cap is a dose above the label dose, flagged
    # above.
    if med.regimen == Regimen.MONOTHERAPY and dose is not None:
        out.extend(
            f"{w} A physician must review the dose for the member's liver function."
            for w in hepatic_monotherapy_warning(case, dose)
        )
    if med.regimen == Regimen.WITH_TRASTUZUMAB and case.biomarkers.her2 == Status.NEGATIVE:
        out.append(
            "Ixempra is requested with trastuzumab although the human epidermal growth "
            "factor receptor 2 (HER2) status is negative; trastuzumab treats HER2-positive "
            "disease, so a physician must review the request (a criterion may be met by "
            "taxane resistance alone)."
        )
    out.extend(
        f"{doubt.message}. A physician must confirm the value (or correct it) before the "
        "request is approved."
        for doubt in implausible_inputs(case)
    )
    out.extend(_unjudged_continuation(case, version))
    if case.cremophor_hypersensitivity and "cremophor_hypersensitivity" not in (
        version.reachable_facts(version.decision.initial)
        | version.reachable_facts(version.decision.continuation)
    ):
        out.append(
            "Severe hypersensitivity to Cremophor EL (polyoxyethylated castor oil) is reported, "
            "a contraindication on the Ixempra label that this policy does not address; "
            "a physician must review the request."
        )
    _, over = period_warnings(case, months)
    if over:
        out.append(
            "The requested start date is so far in the past that the whole authorization "
            "period would be over before the request was received; a physician must review "
            "the dates."
        )
    return out


def _unjudged_continuation(case: Case, version: PolicyVersion) -> list[str]:
    """Progression or toxicity reported under a policy whose criteria never look at them."""
    if case.continuation is None:  # only continuation requests carry one
        return []
    used = version.reachable_facts(version.decision.continuation)
    reported = [
        words
        for name, words in _CONTINUATION_FACTS.items()
        if getattr(case.continuation, name) is True and name not in used
    ]
    if not reported:
        return []
    return [
        f"This continuation request reports {' and '.join(reported)} on the current regimen, "
        f"which {version.id} has no continuation criteria to judge; a physician must review "
        "whether treatment should continue."
    ]
