"""A PAS request Bundle mapped onto an `ixreview-case/1` request.

What the Bundle holds becomes the request's answers, each with the FHIRPath it
came from (`sources`: case field path -> FHIR path), so the reviewer sees where an
imported value was read. What it does not hold stays absent: "not documented",
for the reviewer to fill from the attachments. The derived request then goes
through `parse_case_json`, the same validation as a case file; a problem it finds
is reported at the FHIR path of the value that caused it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from fhir.resources.R4B.claim import Claim, ClaimItem
from fhir.resources.R4B.codeableconcept import CodeableConcept
from fhir.resources.R4B.coverage import Coverage
from fhir.resources.R4B.medicationrequest import MedicationRequest
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.organization import Organization
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.practitioner import Practitioner
from fhir.resources.R4B.practitionerrole import PractitionerRole
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from fhir.resources.R4B.reference import Reference

from ixreview.domain.case import FORMAT_ID, Case
from ixreview.domain.intake import CaseError, Finding, parse_case_json
from ixreview.pas import codes
from ixreview.pas.bundle import ParsedBundle, parse_bundle
from ixreview.pas.observations import map_observations
from ixreview.pas.questionnaire_in import map_questionnaire_answers


@dataclass(frozen=True)
class PasRequest:
    """The request derived from one PAS Bundle, and where each answer came from."""

    case: Case
    case_json: str
    sources: dict[str, str]
    bundle_identifier: str | None
    claim_url: str | None
    item_sequence: int
    submitted_at: datetime


class _Mapping:
    def __init__(self, parsed: ParsedBundle) -> None:
        self.parsed = parsed
        self.data: dict[str, Any] = {"format": FORMAT_ID}
        self.sources: dict[str, str] = {}
        self.claim_at = "Bundle.entry[0].resource"

    def put(self, path: str, value: Any, source: str) -> None:
        if value is None or value == [] or value == "":
            return
        node = self.data
        *parents, last = path.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
        self.sources[path] = source

    def follow(self, ref: Reference | None) -> tuple[str, Any] | None:
        hit = self.parsed.resolve(ref)
        return None if hit is None else (f"Bundle.entry[{hit[0]}].resource", hit[1])


def read_request(text: str) -> PasRequest:
    """Parse, check and map one PAS request Bundle; CaseError names each problem."""
    parsed = parse_bundle(text)
    m = _Mapping(parsed)
    claim = parsed.claim
    bundle = parsed.bundle
    _identity(m, claim, bundle)
    _member(m, claim)
    _prescriber(m, claim)
    _diagnoses(m, claim)
    item_index, item = _j9207_item(claim)
    _item(m, item, item_index)
    _medication_requests(m, claim)
    supporting = _supporting(m, claim)
    map_observations(m.put, [(at, r) for at, r in supporting if isinstance(r, Observation)])
    for at, resource in supporting:
        if isinstance(resource, QuestionnaireResponse):
            map_questionnaire_answers(m.put, at, resource, set(m.sources))
    case_json = json.dumps(m.data, ensure_ascii=False, indent=2)
    try:
        case = parse_case_json(case_json)
    except CaseError as exc:
        raise CaseError([_at_source(f, m.sources) for f in exc.findings]) from None
    submitted = bundle.timestamp or claim.created
    assert submitted is not None  # _identity refused a Bundle with neither
    return PasRequest(
        case=case,
        case_json=case_json,
        sources=m.sources,
        bundle_identifier=bundle.identifier.value if bundle.identifier else None,
        claim_url=(bundle.entry or [])[0].fullUrl,
        item_sequence=int(item.sequence or item_index + 1),
        submitted_at=submitted,
    )


def _at_source(finding: Finding, sources: dict[str, str]) -> Finding:
    """A case-format problem, said at the FHIR path of the value that caused it."""
    path = finding.path
    while path:
        if path in sources:
            return Finding(sources[path], f"({finding.path}) {finding.message}")
        if path.endswith("]") and "[" in path:  # diagnosis.icd10_codes[0] -> its list
            path = path[: path.rindex("[")]
        elif "." in path:  # member.address.line -> member.address
            path = path.rsplit(".", 1)[0]
        else:
            break
    return Finding(f"Bundle ({finding.path})" if finding.path else "Bundle", finding.message)


def _identity(m: _Mapping, claim: Claim, bundle: Any) -> None:
    at = m.claim_at
    ident = next((i for i in claim.identifier or [] if i.value), None)
    if ident is None:
        raise CaseError([Finding(f"{at}.identifier", "is missing; the request has no reference")])
    m.put("reference", ident.value, f"{at}.identifier[0].value")
    stamp = bundle.timestamp
    if stamp is not None:
        m.put("received_at", stamp.isoformat(), "Bundle.timestamp")
    elif claim.created is not None:
        m.put("received_at", claim.created.isoformat(), f"{at}.created")
    else:
        raise CaseError([Finding("Bundle.timestamp", "is missing; when was it submitted?")])
    priority = _code(claim.priority)
    if priority in ("stat", "normal", "deferred"):
        urgency = "expedited" if priority == "stat" else "standard"
        m.put("urgency", urgency, f"{at}.priority")
    for i, extension in enumerate(claim.extension or []):
        if extension.url == codes.EXT_LEVEL_OF_SERVICE and _code(
            extension.valueCodeableConcept
        ) in (
            "U",
            "03",
        ):
            m.put("urgency", "expedited", f"{at}.extension[{i}].valueCodeableConcept")


def _code(concept: CodeableConcept | None, system: str | None = None) -> str | None:
    for coding in (concept.coding if concept else None) or []:
        if coding.code and (system is None or coding.system == system):
            return str(coding.code)
    return None


def _member(m: _Mapping, claim: Claim) -> None:
    hit = m.follow(claim.patient)
    if hit is not None and isinstance(hit[1], Patient):
        at, patient = hit
        if patient.name:
            name = patient.name[0]
            m.put("member.first_name", " ".join(name.given or []) or None, f"{at}.name[0].given")
            m.put("member.last_name", name.family, f"{at}.name[0].family")
        if patient.birthDate is not None:
            m.put("member.birth_date", patient.birthDate.isoformat(), f"{at}.birthDate")
        if patient.address:
            m.put("member.address", _lines(patient.address[0]), f"{at}.address[0]")
    for insurance in claim.insurance or []:
        cov = m.follow(insurance.coverage)
        if cov is None or not isinstance(cov[1], Coverage):
            continue
        at, coverage = cov
        m.put("member.id", coverage.subscriberId, f"{at}.subscriberId")
        for j, cls in enumerate(coverage.class_fhir or []):
            if _code(cls.type) == "plan":
                m.put("member.plan", cls.name or cls.value, f"{at}.class[{j}].name")
        if insurance.focal:
            break


def _lines(address: Any) -> list[str]:
    lines = [str(x) for x in address.line or []]
    city = ", ".join(p for p in (address.city, address.state) if p)
    last = " ".join(p for p in (city, address.postalCode) if p)
    return [*lines, last] if last else lines


def _prescriber(m: _Mapping, claim: Claim) -> None:
    """The prescriber: the Claim's care team member (PractitionerRole or Practitioner)."""
    for member in claim.careTeam or []:
        hit = m.follow(member.provider)
        if hit is None:
            continue
        at, resource = hit
        role_at = None
        if isinstance(resource, PractitionerRole):
            role_at, role = at, resource
            for k, telecom in enumerate(role.telecom or []):
                key = {"phone": "prescriber.phone", "fax": "prescriber.fax"}.get(
                    str(telecom.system)
                )
                if key:
                    m.put(key, telecom.value, f"{role_at}.telecom[{k}].value")
            hit = m.follow(role.practitioner)
            if hit is None:
                continue
            at, resource = hit
            if role.location:
                loc = m.follow(role.location[0])
                if loc is not None and getattr(loc[1], "address", None) is not None:
                    lines = _lines(loc[1].address)
                    name = getattr(loc[1], "name", None)
                    m.put("prescriber.address", [name, *lines] if name else lines, loc[0])
        if isinstance(resource, Practitioner | Organization):
            _practitioner(m, at, resource)
            return
    # No care team: the Claim's provider (the requesting clinician or practice) asks.
    hit = m.follow(claim.provider)
    if hit is not None and isinstance(hit[1], Practitioner | Organization):
        _practitioner(m, hit[0], hit[1])


def _practitioner(m: _Mapping, at: str, who: Practitioner | Organization) -> None:
    if isinstance(who, Practitioner) and who.name:
        name = who.name[0]
        given = [str(g) for g in name.given or [] if g]
        text = name.text or " ".join([*given, name.family or ""]).strip()
        suffixes = [str(s) for s in name.suffix or [] if s]
        if suffixes and not name.text:
            text = f"{text}, {', '.join(suffixes)}"
        m.put("prescriber.name", text or None, f"{at}.name[0]")
    elif isinstance(who, Organization):
        m.put("prescriber.name", who.name, f"{at}.name")
    for k, ident in enumerate(who.identifier or []):
        if ident.system == codes.NPI:
            m.put("prescriber.npi", ident.value, f"{at}.identifier[{k}].value")
    for k, telecom in enumerate(who.telecom or []):
        key = {"phone": "prescriber.phone", "fax": "prescriber.fax"}.get(str(telecom.system))
        if key and key not in m.sources:
            m.put(key, telecom.value, f"{at}.telecom[{k}].value")
    address = getattr(who, "address", None)
    if address and "prescriber.address" not in m.sources:
        first = address[0] if isinstance(address, list) else address
        m.put("prescriber.address", _lines(first), f"{at}.address[0]")


def _diagnoses(m: _Mapping, claim: Claim) -> None:
    found: list[str] = []
    first_at = None
    for i, dx in enumerate(claim.diagnosis or []):
        code = _code(dx.diagnosisCodeableConcept, codes.ICD10CM)
        if code:
            found.append(code)
            first_at = first_at or f"{m.claim_at}.diagnosis[{i}].diagnosisCodeableConcept"
    if found and first_at:
        m.put("diagnosis.icd10_codes", found, f"{m.claim_at}.diagnosis")


def _j9207_item(claim: Claim) -> tuple[int, ClaimItem]:
    for i, item in enumerate(claim.item or []):
        if any(c.code == codes.J9207 for c in item.productOrService.coding or []):
            return i, item
    raise AssertionError("parse_bundle refuses a Claim without a J9207 item")


def _item(m: _Mapping, item: ClaimItem, index: int) -> None:
    at = f"{m.claim_at}.item[{index}]"
    m.put("medication.hcpcs", codes.J9207, f"{at}.productOrService")
    start: date | None = None
    if item.servicedDate is not None:
        start, where = item.servicedDate, f"{at}.servicedDate"
    elif item.servicedPeriod is not None and item.servicedPeriod.start is not None:
        start, where = _day(item.servicedPeriod.start), f"{at}.servicedPeriod.start"
    if start is not None:
        m.put("medication.requested_start", start.isoformat(), where)
    for k, extension in enumerate(item.extension or []):
        if extension.url == codes.EXT_CERTIFICATION_TYPE:
            code = _code(extension.valueCodeableConcept)
            kind = {"I": "initial", "4": "continuation", "R": "continuation"}.get(code or "")
            m.put("request_type", kind, f"{at}.extension[{k}].valueCodeableConcept")
    if m.data.get("request_type") == "continuation":
        for k, extension in enumerate(item.extension or []):
            if extension.url == codes.EXT_AUTHORIZATION_NUMBER and extension.valueString:
                m.put(
                    "continuation.prior_authorization",
                    extension.valueString,
                    f"{at}.extension[{k}].valueString",
                )


def _day(value: date | datetime) -> date:
    # FHIR dateTime parses as a date when only a day was sent.
    return value.date() if isinstance(value, datetime) else value


def _medication_requests(m: _Mapping, claim: Claim) -> None:
    """Dose (mg/m²) and interval from the MedicationRequest the Claim names."""
    for at, resource in _supporting(m, claim, include_item_services=True):
        if not isinstance(resource, MedicationRequest):
            continue
        if _code(resource.medicationCodeableConcept) not in (None, codes.J9207) and not any(
            "ixabepilone" in (c.display or "").lower()
            for c in (resource.medicationCodeableConcept.coding or [])  # type: ignore[union-attr]
        ):
            continue
        for d, dosage in enumerate(resource.dosageInstruction or []):
            for r, rate in enumerate(dosage.doseAndRate or []):
                dose = rate.doseQuantity
                if dose is not None and dose.value is not None and _per_m2(dose.unit, dose.code):
                    m.put(
                        "medication.dose_mg_per_m2",
                        _number(dose.value),
                        f"{at}.dosageInstruction[{d}].doseAndRate[{r}].doseQuantity.value",
                    )
            repeat = dosage.timing.repeat if dosage.timing else None
            if repeat is not None and repeat.period is not None and (repeat.frequency or 1) == 1:
                days = {"d": 1, "wk": 7}.get(str(repeat.periodUnit))
                if days:
                    m.put(
                        "medication.interval_days",
                        int(Decimal(str(repeat.period)) * days),
                        f"{at}.dosageInstruction[{d}].timing.repeat.period",
                    )
        return


def _per_m2(unit: str | None, code: str | None) -> bool:
    return (code or unit or "").replace("²", "2").replace(" ", "").lower() in ("mg/m2", "mg/m^2")


def _number(value: Any) -> int | float:
    d = Decimal(str(value))
    return int(d) if d == d.to_integral_value() else float(d)


def _supporting(
    m: _Mapping, claim: Claim, *, include_item_services: bool = False
) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    seen: set[str] = set()
    refs: list[Reference] = [
        s.valueReference for s in claim.supportingInfo or [] if s.valueReference is not None
    ]
    if include_item_services:
        for item in claim.item or []:
            for extension in item.extension or []:
                if extension.valueReference is not None:
                    refs.append(extension.valueReference)
    for ref in refs:
        hit = m.follow(ref)
        if hit is not None and hit[0] not in seen:
            seen.add(hit[0])
            out.append(hit)
    return out
