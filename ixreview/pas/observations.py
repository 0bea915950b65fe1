"""Observations sent in `Claim.supportingInfo`: HER2, hormone receptors, BSA and labs.

Only what a laboratory result states is read: a status from a coded or written
positive/negative result, a count converted from the unit it was reported in.
A value in a unit not recognised here is left out (not documented) rather than
guessed, so the reviewer reads it from the attachment.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from fhir.resources.R4B.codeableconcept import CodeableConcept
from fhir.resources.R4B.observation import Observation

from ixreview.pas import codes

Put = Callable[[str, Any, str], None]

_POSITIVE = {"10828004", "LA6576-8", "POS", "positive"}
_NEGATIVE = {"260385009", "LA6577-6", "NEG", "negative"}

# Counts per mm³ (= per µL) from the units laboratories report them in.
_COUNT_FACTORS = {
    "/ul": Decimal(1),
    "/mm3": Decimal(1),
    "10*3/ul": Decimal(1000),
    "10^3/ul": Decimal(1000),
    "k/ul": Decimal(1000),
    "10*9/l": Decimal(1000),
    "10^9/l": Decimal(1000),
}
_LABS = {
    codes.LOINC_ANC: "labs.anc_per_mm3",
    codes.LOINC_PLATELETS: "labs.platelets_per_mm3",
}
_LIVER = {
    codes.LOINC_AST: ("labs.ast_u_l", "labs.ast_uln", {"u/l"}),
    codes.LOINC_ALT: ("labs.alt_u_l", "labs.alt_uln", {"u/l"}),
    codes.LOINC_BILIRUBIN: ("labs.bilirubin_mg_dl", "labs.bilirubin_uln", {"mg/dl"}),
}


def _loinc(obs: Observation) -> str | None:
    for coding in obs.code.coding or []:
        if coding.system == codes.LOINC and coding.code:
            return str(coding.code)
    return None


def _status(concept: CodeableConcept | None) -> str | None:
    if concept is None:
        return None
    words = {str(c.code) for c in concept.coding or [] if c.code}
    words |= {str(c.display).lower() for c in concept.coding or [] if c.display}
    if concept.text:
        words.add(concept.text.strip().lower())
    if words & _POSITIVE:
        return "positive"
    if words & _NEGATIVE:
        return "negative"
    return None


def _result_status(obs: Observation) -> tuple[str | None, str]:
    status = _status(obs.valueCodeableConcept)
    if status is not None:
        return status, "valueCodeableConcept"
    for i, concept in enumerate(obs.interpretation or []):
        status = _status(concept)
        if status is not None:
            return status, f"interpretation[{i}]"
    return None, ""


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _unit(obs: Observation) -> str:
    q = obs.valueQuantity
    return (q.code or q.unit or "").replace("µ", "u").replace(" ", "").lower() if q else ""


def _effective(obs: Observation) -> date | None:
    if obs.effectiveDateTime is not None:
        value = obs.effectiveDateTime
        return value.date() if isinstance(value, datetime) else value
    return None


def map_observations(put: Put, observations: list[tuple[str, Observation]]) -> None:
    receptors: dict[str, tuple[str, str]] = {}
    collected: list[tuple[date, str]] = []
    for at, obs in observations:
        loinc = _loinc(obs)
        if loinc in codes.LOINC_HER2:
            status, where = _result_status(obs)
            put("biomarkers.her2", status, f"{at}.{where}")
        elif loinc in codes.LOINC_ER or loinc in codes.LOINC_PR:
            status, where = _result_status(obs)
            if status is not None:
                receptors["ER" if loinc in codes.LOINC_ER else "PR"] = (status, f"{at}.{where}")
        elif loinc == codes.LOINC_BSA and _unit(obs) in ("m2", "m^2", "m²"):
            assert obs.valueQuantity is not None
            put(
                "medication.bsa_m2",
                _number(Decimal(str(obs.valueQuantity.value))),
                f"{at}.valueQuantity.value",
            )
        elif (loinc in _LABS or loinc in _LIVER) and _lab(put, at, obs, loinc):
            day = _effective(obs)
            if day is not None:
                collected.append((day, f"{at}.effectiveDateTime"))
    positive = [where for status, where in receptors.values() if status == "positive"]
    if positive:
        put("biomarkers.hormone_receptor", "positive", positive[0])
    elif len(receptors) == 2:  # negative only when both ER and PR were reported negative
        put("biomarkers.hormone_receptor", "negative", receptors["ER"][1])
    if collected:
        day, where = min(collected)  # the oldest result decides whether the labs are current
        put("labs.collected_on", day.isoformat(), where)


def _lab(put: Put, at: str, obs: Observation, loinc: str) -> bool:
    q = obs.valueQuantity
    if q is None or q.value is None:
        return False
    value = Decimal(str(q.value))
    unit = _unit(obs)
    where = f"{at}.valueQuantity.value"
    if loinc in _LABS:
        factor = _COUNT_FACTORS.get(unit)
        if factor is None:
            return False
        put(_LABS[loinc], _number(value * factor), where)
        return True
    field, uln_field, units = _LIVER[loinc]
    if unit not in units:
        return False
    put(field, _number(value), where)
    for i, rng in enumerate(obs.referenceRange or []):
        if rng.high is not None and rng.high.value is not None:
            put(
                uln_field,
                _number(Decimal(str(rng.high.value))),
                f"{at}.referenceRange[{i}].high.value",
            )
            break
    return True
