"""HL7 Da Vinci PAS at the desk: importing a request Bundle, and answering it.

- `import_bundle`: a PAS request Bundle becomes an `ixreview-case/1` request (the
  same validation and import as a case file) with the Bundle kept as received.
- `response_bundle`: the PAS response Bundle for the request's current
  determination (audited as exported).
- `questionnaire_response`: the review as a DTR QuestionnaireResponse.

fhir.resources is imported here, so this module is only loaded when a Bundle is
recognised or a `pas` command runs (`records.import_case` imports it lazily).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime

from fhir.resources.R4B.bundle import Bundle

from ixreview.domain.evaluation import Evaluation
from ixreview.pas.questionnaire_in import answerable_paths
from ixreview.pas.questionnaire_out import ReviewedAnswer, build_questionnaire_response
from ixreview.pas.request import read_request
from ixreview.pas.response import DenialReason, InformationAsk, ResponseFacts, build_response
from ixreview.store import DecisionCode, Determination, ImportResult, Store
from ixreview.store.pas import PasIntake, PasRecord
from ixreview.workflow import information
from ixreview.workflow.accounts import Session
from ixreview.workflow.casefile import get_path, intake_data
from ixreview.workflow.errors import InvalidInput
from ixreview.workflow.prefill import words_for
from ixreview.workflow.records import reader

_DATE_PATHS = frozenset({"member.birth_date", "medication.requested_start", "labs.collected_on"})
# A request for information that names any of these asks for a laboratory report.
_LAB_WORDS = re.compile(
    r"\b(blood|neutrophil|platelet|ast|alt|bilirubin|laborator|lab|labs|cbc)", re.IGNORECASE
)


def import_bundle(
    store: Store, actor: int | None, raw_text: str, *, policy: str | None = None
) -> ImportResult:
    """Map, validate and import one PAS request Bundle; CaseError names each FHIR path."""
    request = read_request(raw_text)
    from ixreview.workflow.records import require_identity

    require_identity(request.case_json)  # the same rule as a case file
    intake = PasIntake(
        bundle_json=raw_text,
        bundle_identifier=request.bundle_identifier,
        claim_url=request.claim_url,
        item_sequence=request.item_sequence,
        sources=request.sources,
        submitted_at=request.submitted_at,
    )
    from ixreview.workflow.plan_rules import plan_rules

    days = plan_rules(store).lab_max_age_days  # the import's warnings judge old labs by it
    return store.import_case(
        request.case_json, actor=actor, policy=policy, pas=intake, lab_max_age_days=days
    )


def _pas_record(store: Store, request_id: int) -> PasRecord:
    record = store.pas.get(request_id)
    if record is None:
        raise InvalidInput(
            "reference",
            "this request was not received as a PAS Bundle; there is no PAS Claim to answer",
        )
    return record


def _reasons(det: Determination, evaluation: Evaluation) -> list[DenialReason]:
    """The clauses a denial relied on, from its rationale lines ("<clause id>: <reason>")."""
    out = []
    for line in det.rationale.splitlines():
        clause_id, sep, reason = line.partition(": ")
        if not sep:
            continue
        try:
            clause = evaluation.clause(clause_id.strip())
        except KeyError:
            continue
        out.append(DenialReason(clause.number or clause.id, evaluation.policy.key, reason.strip()))
    return out


def _facts(store: Store, request_id: int, review_id: int, reference: str) -> ResponseFacts:
    now = store.now()
    det = store.determinations.current(request_id)
    if det is None:  # still under review: the request is pended (A4), nothing asked yet
        return ResponseFacts(
            decision="A4", response_id=f"{reference}-review", decided_at=now, created=now
        )
    decider = store.users.get(det.decider_id)
    facts = ResponseFacts(
        decision=det.decision.value,
        response_id=f"{reference}-{det.id}",
        decided_at=datetime.fromisoformat(det.decided_at),
        created=now,
        authorization_number=det.authorization_number,
        period_start=None if det.period_start is None else date.fromisoformat(det.period_start),
        period_end=None if det.period_end is None else date.fromisoformat(det.period_end),
        units=det.units,
        reviewer_npi=decider.npi,
    )
    if det.decision == DecisionCode.DENIED:
        facts = replace(facts, reasons=_reasons(det, det.evaluation()))
    elif det.decision == DecisionCode.PENDED:
        ask = information.open_request(store, request_id, review_id)
        if ask is not None:
            items = [f"{m.item} ({m.why_needed})" if m.why_needed else m.item for m in ask.items]
            labs = any(_LAB_WORDS.search(i) for i in items)
            facts = replace(
                facts,
                information=InformationAsk(items, ask.requested_on, ask.respond_by, labs),
            )
    return facts


def response_bundle(store: Store, session: Session, reference: str) -> str:
    """The PAS response Bundle (JSON) for the request's current determination."""
    user = reader(store, session)
    request = store.requests.by_reference(reference)
    record = _pas_record(store, request.id)
    review = store.reviews.for_request(request.id)
    facts = _facts(store, request.id, review.id, request.reference)
    bundle = build_response(
        record.bundle_json, record.item_sequence, facts, record.bundle_identifier
    )
    store.audit.append(
        "exported",
        "request",
        request.id,
        actor=user.id,
        details={"format": "pas_response", "decision": facts.decision},
    )
    return bundle.model_dump_json(indent=2, exclude_none=True)


def reviewed_answers(store: Store, request_id: int) -> list[ReviewedAnswer]:
    """Every answered field with its origin (imported, override, entered) and source."""
    request = store.requests.get(request_id)
    review = store.reviews.for_request(request_id)
    record = store.pas.get(request_id)
    sources = record.sources if record is not None else {}
    urls = _source_urls(record)
    data = intake_data(request)
    out = []
    names: dict[int, str] = {}
    for path in sorted(answerable_paths()):
        answer = review.answers.get(path)
        imported = get_path(data, path)
        if answer is None and imported is None:
            continue
        value = imported if answer is None else answer.value
        origin = "imported" if answer is None else answer.origin.value
        author = None
        if answer is not None and answer.set_by is not None:
            if answer.set_by not in names:
                user = store.users.get(answer.set_by)
                names[answer.set_by] = ", ".join(p for p in (user.full_name, user.credentials) if p)
            author = names[answer.set_by]
        source = sources.get(path) if origin != "entered" else None
        out.append(
            ReviewedAnswer(
                path=path,
                question=words_for(path),
                value=value,
                origin=origin,
                author=author,
                source_url=urls.get(source.split(".resource")[0]) if source else None,
                source_path=source,
                is_date=path in _DATE_PATHS,
            )
        )
    return out


def _source_urls(record: PasRecord | None) -> dict[str, str]:
    """ "Bundle.entry[3]" -> that entry's fullUrl, read from the Bundle as received."""
    if record is None:
        return {}
    bundle = Bundle.model_validate_json(record.bundle_json)
    return {f"Bundle.entry[{i}]": e.fullUrl for i, e in enumerate(bundle.entry or []) if e.fullUrl}


def questionnaire_response(store: Store, session: Session, reference: str) -> str:
    """The review as a DTR QuestionnaireResponse (JSON); audited as exported."""
    user = reader(store, session)
    request = store.requests.by_reference(reference)
    review = store.reviews.for_request(request.id)
    record = store.pas.get(request.id)
    subject = None
    if record is not None:
        subject = _source_urls(record).get(
            record.sources.get("member.last_name", "").split(".resource")[0]
        )
    response = build_questionnaire_response(
        f"{request.reference}-review",
        reviewed_answers(store, request.id),
        completed=review.state.value in ("decided", "cancelled"),
        authored=datetime.fromisoformat(review.updated_at),
        subject_url=subject,
        subject_display=request.member_name or None,
    )
    store.audit.append(
        "exported",
        "request",
        request.id,
        actor=user.id,
        details={"format": "dtr_questionnaire_response", "items": len(response.item or [])},
    )
    return response.model_dump_json(indent=2, exclude_none=True)


@dataclass(frozen=True)
class ImportedSource:
    """One answer imported from a PAS Bundle: the field, in words, and where it was read."""

    path: str
    words: str
    fhir_path: str


@dataclass(frozen=True)
class PasSummary:
    """What the desk keeps of a request received as a PAS Bundle (no PHI values)."""

    sources: list[ImportedSource]
    first_submitted_at: str
    final_response_at: str | None
    information_requests: list[tuple[str, str | None, str | None]]  # asked, due, answered


def summary(store: Store, session: Session, reference: str) -> PasSummary | None:
    """The FHIR path of each imported answer and the PAS metrics of `reference`; None
    for a request that was not received as a PAS Bundle."""
    reader(store, session)
    request = store.requests.by_reference(reference)
    record = store.pas.get(request.id)
    if record is None:
        return None
    return PasSummary(
        sources=[
            ImportedSource(path, words_for(path), where)
            for path, where in sorted(record.sources.items())
        ],
        first_submitted_at=record.first_submitted_at,
        final_response_at=record.final_response_at,
        information_requests=[
            (r.requested_at, r.respond_by, r.answered_at) for r in record.information_requests
        ],
    )


def summary_lines(found: PasSummary) -> list[str]:
    """The summary in the reviewer's words, one line each (the CLI and the GUI show it)."""

    def minute(stamp: str) -> str:
        return stamp[:16].replace("T", " ") + " UTC"

    final = found.final_response_at
    return [
        f"First submitted: {minute(found.first_submitted_at)}",
        f"Final response: {minute(final) if final else 'not yet'}",
        *(
            f"Information requested {asked[:10]}, due {due or 'not given'}, "
            f"answered {minute(answered) if answered else 'not yet'}"
            for asked, due, answered in found.information_requests
        ),
        "Imported from the request:",
        *(f"  {s.words}: {s.fhir_path}" for s in found.sources),
    ]
