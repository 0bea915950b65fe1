"""The PAS response Bundle for a determination: a ClaimResponse (PAS ClaimResponse
profile), the resources it references, and on a pend the CommunicationRequest
that says what information is wanted and by when.

Built with the fhir.resources R4B models from the request Bundle as received
(so every reference points at the resources the requester sent) and plain facts
the workflow reads from the record (`ResponseFacts`); nothing here reads the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from fhir.resources.R4B.bundle import Bundle, BundleEntry
from fhir.resources.R4B.claim import ClaimItem
from fhir.resources.R4B.claimresponse import (
    ClaimResponse,
    ClaimResponseItem,
    ClaimResponseItemAdjudication,
    ClaimResponseProcessNote,
)
from fhir.resources.R4B.codeableconcept import CodeableConcept
from fhir.resources.R4B.coding import Coding
from fhir.resources.R4B.communicationrequest import (
    CommunicationRequest,
    CommunicationRequestPayload,
)
from fhir.resources.R4B.extension import Extension
from fhir.resources.R4B.identifier import Identifier
from fhir.resources.R4B.meta import Meta
from fhir.resources.R4B.period import Period
from fhir.resources.R4B.quantity import Quantity
from fhir.resources.R4B.reference import Reference

from ixreview.pas import codes
from ixreview.pas.bundle import ParsedBundle, parse_bundle


@dataclass(frozen=True)
class DenialReason:
    clause: str  # as the policy numbers it ("I.A")
    policy: str  # "BCBST-IXEMPRA@current"
    reason: str  # the reviewer's words


@dataclass(frozen=True)
class InformationAsk:
    items: list[str]  # each "what (why)"
    requested_on: date
    respond_by: date
    labs: bool = False  # a laboratory report is among what is asked for


@dataclass(frozen=True)
class ResponseFacts:
    decision: str  # A1, A3, A4 or C (X12 306)
    response_id: str
    decided_at: datetime
    created: datetime
    authorization_number: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    units: int | None = None
    reasons: list[DenialReason] = field(default_factory=list)
    information: InformationAsk | None = None
    reviewer_npi: str | None = None
    human_reviewed: bool = True


def _cc(system: str, code: str, display: str | None = None) -> CodeableConcept:
    return CodeableConcept(coding=[Coding(system=system, code=code, display=display)])


def _ext(url: str, **value: object) -> Extension:
    return Extension.model_validate({"url": url, **value})


def _ref(url: str | None) -> Reference | None:
    return None if url is None else Reference(reference=url)


def _full_url(parsed: ParsedBundle, ref: Reference | None) -> str | None:
    hit = parsed.resolve(ref)
    return None if hit is None else (parsed.bundle.entry or [])[hit[0]].fullUrl


def _authorized_provider_url(parsed: ParsedBundle) -> str | None:
    """The prescriber the request names (care team Practitioner), else the Claim's provider."""
    claim = parsed.claim
    for member in claim.careTeam or []:
        hit = parsed.resolve(member.provider)
        if hit is None:
            continue
        resource = hit[1]
        if resource.get_resource_type() == "PractitionerRole":
            practitioner = getattr(resource, "practitioner", None)
            url = _full_url(parsed, practitioner)
            if url:
                return url
        elif resource.get_resource_type() in ("Practitioner", "Organization"):
            return (parsed.bundle.entry or [])[hit[0]].fullUrl
    return _full_url(parsed, claim.provider)


def _item(parsed: ParsedBundle, sequence: int) -> ClaimItem:
    for item in parsed.claim.item or []:
        if item.sequence == sequence:
            return item
    return (parsed.claim.item or [])[0]


def _item_response(
    parsed: ParsedBundle, item: ClaimItem, facts: ResponseFacts, note_numbers: list[int]
) -> ClaimResponseItem:
    extensions = [
        e for e in item.extension or [] if e.url == codes.EXT_ITEM_TRACE_NUMBER
    ]  # echoed so the requester can match the line
    if item.servicedPeriod is not None:
        extensions.append(
            _ext(codes.EXT_ITEM_REQUESTED_SERVICE_DATE, valuePeriod=item.servicedPeriod)
        )
    elif item.servicedDate is not None:
        extensions.append(
            _ext(codes.EXT_ITEM_REQUESTED_SERVICE_DATE, valueDateTime=item.servicedDate)
        )
    provider: dict[str, object] = {
        "url": codes.EXT_ITEM_AUTHORIZED_PROVIDER,
        "extension": [
            {
                # A named slice of a standalone extension: its URL, not the slice name.
                "url": codes.EXT_AUTHORIZED_PROVIDER_TYPE,
                "valueCodeableConcept": _cc(codes.X12_ENTITY, "P3"),
            }
        ],
    }
    provider_url = _authorized_provider_url(parsed)
    if provider_url:
        provider["extension"] = [
            {"url": "provider", "valueReference": {"reference": provider_url}},
            *provider["extension"],  # type: ignore[misc]
        ]
    # Required by the guide's current build on every item, whatever the decision.
    extensions.append(Extension.model_validate(provider))
    if facts.decision in ("A3", "A4"):  # the plan's number for the disallowed or pended outcome
        extensions.append(
            _ext(codes.EXT_ADMINISTRATION_REFERENCE_NUMBER, valueString=facts.response_id)
        )
    if facts.decision == "A1":
        extensions.append(
            _ext(codes.EXT_ITEM_PREAUTH_ISSUE_DATE, valueDate=facts.decided_at.date())
        )
        extensions.append(
            _ext(
                codes.EXT_ITEM_PREAUTH_PERIOD,
                valuePeriod=Period(start=facts.period_start, end=facts.period_end),
            )
        )
        detail = [
            {
                "url": "productOrServiceCode",
                "valueCodeableConcept": _cc(
                    codes.HCPCS, codes.J9207, "Injection, ixabepilone, 1 mg"
                ),
            },
            {
                "url": "quantity",
                "valueQuantity": Quantity(value=facts.units, unit="mg"),
            },
        ]
        extensions.append(
            Extension.model_validate({"url": codes.EXT_ITEM_AUTHORIZED_DETAIL, "extension": detail})
        )
    action: list[dict[str, object]] = [
        {
            "url": codes.EXT_REVIEW_ACTION_CODE,
            "valueCodeableConcept": _cc(
                codes.X12_REVIEW_ACTION,
                facts.decision,
                codes.REVIEW_ACTION_DISPLAY[facts.decision],
            ),
        }
    ]
    if facts.authorization_number:
        action.append({"url": "number", "valueString": facts.authorization_number})
    adjudication = ClaimResponseItemAdjudication(
        category=_cc(codes.ADJUDICATION, "submitted"),
        extension=[Extension.model_validate({"url": codes.EXT_REVIEW_ACTION, "extension": action})],
    )
    return ClaimResponseItem(
        itemSequence=item.sequence,
        extension=extensions,
        noteNumber=note_numbers or None,
        adjudication=[adjudication],
    )


def _communication_request(
    parsed: ParsedBundle, facts: ResponseFacts, item: ClaimItem, cr_id: str
) -> CommunicationRequest:
    ask = facts.information
    assert ask is not None
    loinc = codes.LOINC_LAB_REPORT if ask.labs else codes.LOINC_PROGRESS_NOTE
    return CommunicationRequest(
        id=cr_id,
        meta=Meta(profile=[codes.PROFILE_COMMUNICATION_REQUEST]),
        extension=[_ext(codes.EXT_SERVICE_LINE_NUMBER, valuePositiveInt=item.sequence)],
        identifier=[Identifier(system="urn:ixreview:attachment-control-number", value=cr_id)],
        status="active",
        category=[_cc(codes.X12_ATTACHMENT_REPORT, codes.PWK01_MEDICAL_RECORD)],
        subject=_ref(_full_url(parsed, parsed.claim.patient)),
        payload=[CommunicationRequestPayload(contentString=loinc)],
        # The respond-by date: the period in which the information is to be sent.
        occurrencePeriod=Period(start=ask.requested_on, end=ask.respond_by),
        authoredOn=facts.decided_at,
        requester=_ref(_full_url(parsed, parsed.claim.insurer)),
        recipient=[r for r in [_ref(_authorized_provider_url(parsed))] if r is not None] or None,
        note=[{"text": text} for text in ask.items] or None,
    )


def build_response(
    bundle_json: str, item_sequence: int, facts: ResponseFacts, transaction_id: str | None
) -> Bundle:
    """The PAS response Bundle (ClaimResponse first) for the request Bundle as received."""
    parsed = parse_bundle(bundle_json)
    claim = parsed.claim
    item = _item(parsed, item_sequence)
    claim_url = (parsed.bundle.entry or [])[0].fullUrl
    notes: list[ClaimResponseProcessNote] = []
    for n, reason in enumerate(facts.reasons, start=1):
        notes.append(
            ClaimResponseProcessNote(
                number=n,
                type="display",
                text=f"Not certified under clause {reason.clause} of {reason.policy}: "
                f"{reason.reason}",
            )
        )
    cr_id = f"{facts.response_id}-information"
    pended = facts.decision == "A4" and facts.information is not None
    extensions = [
        Extension.model_validate(
            {
                "url": codes.EXT_CLAIM_RESPONSE_REVIEWER,
                "extension": [
                    {"url": "wasHumanReviewedFlag", "valueBoolean": facts.human_reviewed},
                    *(
                        [
                            {
                                "url": "reviewerNPI",
                                "valueIdentifier": {
                                    "system": codes.NPI,
                                    "value": facts.reviewer_npi,
                                },
                            }
                        ]
                        if facts.reviewer_npi
                        else []
                    ),
                ],
            }
        )
    ]
    if facts.decision == "A1" and facts.authorization_number:
        extensions.append(
            _ext(codes.EXT_AUTHORIZATION_NUMBER, valueString=facts.authorization_number)
        )
    response = ClaimResponse(
        id=facts.response_id,
        meta=Meta(profile=[codes.PROFILE_CLAIM_RESPONSE]),
        extension=extensions,
        identifier=[
            Identifier(system=i.system, value=i.value, assigner=i.assigner)
            for i in claim.identifier or []
        ]
        or None,
        status="active",
        type=claim.type,
        use="preauthorization",
        patient=Reference(reference=_full_url(parsed, claim.patient)),
        created=facts.created,
        insurer=Reference(reference=_full_url(parsed, claim.insurer)),
        requestor=_ref(_full_url(parsed, claim.provider)),
        request=Reference(reference=claim_url),
        outcome="complete",
        disposition=codes.REVIEW_ACTION_DISPLAY[facts.decision],
        preAuthRef=facts.authorization_number if facts.decision == "A1" else None,
        preAuthPeriod=Period(start=facts.period_start, end=facts.period_end)
        if facts.decision == "A1"
        else None,
        item=[_item_response(parsed, item, facts, [n.number for n in notes])],  # type: ignore[misc]
        processNote=notes or None,
        communicationRequest=[Reference(reference=f"urn:ixreview:CommunicationRequest/{cr_id}")]
        if pended
        else None,
    )
    entries = [
        BundleEntry(fullUrl=f"urn:ixreview:ClaimResponse/{facts.response_id}", resource=response)
    ]
    if pended:
        entries.append(
            BundleEntry(
                fullUrl=f"urn:ixreview:CommunicationRequest/{cr_id}",
                resource=_communication_request(parsed, facts, item, cr_id),
            )
        )
    entries += _referenced_entries(parsed, response, entries)
    return Bundle(
        meta=Meta(profile=[codes.PROFILE_RESPONSE_BUNDLE]),
        identifier=Identifier(
            system="http://example.org/SUBMITTER_TRANSACTION_IDENTIFIER"
            if parsed.bundle.identifier is None
            else parsed.bundle.identifier.system,
            value=transaction_id or facts.response_id,
        ),
        type="collection",
        timestamp=facts.created,
        entry=entries,
    )


def _referenced_entries(
    parsed: ParsedBundle, response: ClaimResponse, built: list[BundleEntry]
) -> list[BundleEntry]:
    """The request's resources the response refers to (each once), as the requester sent them."""
    from ixreview.pas.bundle import references

    wanted: list[int] = []
    queue = [entry.resource for entry in built]
    while queue:  # and what those refer to, so that every reference resolves in the Bundle
        for path, ref in references(queue.pop(0), "x"):
            if path == "x.request":  # the requester's own Claim, named by its fullUrl
                continue
            hit = parsed.resolve(ref)
            if hit is not None and hit[0] not in wanted:
                wanted.append(hit[0])
                queue.append(hit[1])
    source = parsed.bundle.entry or []
    return [BundleEntry(fullUrl=source[i].fullUrl, resource=source[i].resource) for i in wanted]
