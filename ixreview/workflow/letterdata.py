"""Build the `LetterData` a decision signs, from the case, the evaluation and settings.

The letters package renders and signs from `LetterData` alone; this module is
where the store's world (request, user, settings) meets it. A letter that
cannot be complete (no member address, no plan letterhead configured, dosing
not documented for an approval) is refused here with the field named, before
anything is signed or written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from pydantic import ValidationError

from ixreview.domain.case import Case, Regimen, Urgency
from ixreview.domain.dosing import authorized_units
from ixreview.domain.evaluation import ClauseResult, ClauseRole, Evaluation
from ixreview.letters.model import (
    ApprovalDetails,
    DenialDetails,
    DenialReason,
    InformationItem,
    InformationNotReceived,
    LetterData,
    LetterKind,
    Member,
    PlanLetterhead,
    Prescriber,
    RequestForInformationDetails,
    Signer,
    appeal_counted_from,
    appeal_deadline_days_for,
)
from ixreview.letters.templates import load_templates
from ixreview.letters.wording import clause_citation
from ixreview.store import Store, User
from ixreview.workflow.errors import InvalidInput
from ixreview.workflow.permissions import (
    InformationRequest,
    MissingItem,
    not_received_denial,
    relied_on,
)
from ixreview.workflow.roles import SIGNER_TITLES, Role

LETTERHEAD_SETTING = "letters.letterhead"  # a PlanLetterhead as JSON
INFORMATION_DAYS_SETTING = "letters.information_days"  # {"standard": 45, "expedited": 2}
# ERISA claims rules give the claimant at least 45 days to send missing
# information for a pre-service claim, and at least 48 hours for an urgent one.
DEFAULT_INFORMATION_DAYS = {"standard": 45, "expedited": 2}

_REGIMEN_WORDS = {
    Regimen.MONOTHERAPY: "Ixabepilone alone (monotherapy)",
    Regimen.WITH_CAPECITABINE: "Ixabepilone with capecitabine",
    Regimen.WITH_TRASTUZUMAB: "Ixabepilone with trastuzumab",
}


@dataclass(frozen=True)
class ApprovalTerms:
    authorization_number: str
    period_from: date
    period_to: date
    units_per_dose: int
    units_total: int
    doses: int
    continues_authorization: str | None = None  # a continuation: the authorization it extends


class LetterheadMissing(InvalidInput):
    """No letter can go out before an administrator sets the plan's letterhead."""

    def __init__(self) -> None:
        super().__init__(
            LETTERHEAD_SETTING,
            "the plan's letterhead (name, address, phone) is not set up",
        )

    def __str__(self) -> str:
        # Shown to a reviewer: words, not the setting's key.
        return (
            "The plan's letterhead (name, address, phone) is not set up, so no letter can "
            "be issued yet. An administrator sets it in Tools > Settings, or with "
            "`ixreview settings letterhead`."
        )


def letterhead(store: Store) -> PlanLetterhead:
    raw = store.settings.get(LETTERHEAD_SETTING)
    if raw is None:
        raise LetterheadMissing()
    try:
        return PlanLetterhead.model_validate(raw)
    except ValidationError as exc:
        raise InvalidInput(LETTERHEAD_SETTING, _first_error(exc)) from None


def set_letterhead(store: Store, plan: PlanLetterhead, *, actor: int | None) -> None:
    store.settings.set(LETTERHEAD_SETTING, plan.model_dump(mode="json"), actor=actor)


def continued_authorization(store: Store, continuation_of: int | None) -> str | None:
    """The authorization number of the approval a continuation is linked to, if any."""
    if continuation_of is None:
        return None
    return store.determinations.get(continuation_of).authorization_number


def approval_terms(
    case: Case,
    evaluation: Evaluation,
    authorization_number: str,
    default_months: int,
    *,
    continues: str | None = None,
) -> ApprovalTerms:
    """The engine's authorization, or (approval against the engine) the same computation."""
    auth = evaluation.authorization
    if auth is not None:
        return ApprovalTerms(
            authorization_number,
            date.fromisoformat(auth.start),
            date.fromisoformat(auth.end),
            auth.units_per_dose,
            auth.units_total,
            auth.doses,
            continues,
        )
    units = authorized_units(case, default_months)
    if units is None:
        raise InvalidInput(
            "medication",
            "the dose (mg/m²), body surface area and interval are needed to authorize J9207 "
            "units; enter them before approving",
        )
    return ApprovalTerms(
        authorization_number, units.start, units.end, units.units_per_dose,
        units.units_total, units.doses, continues,
    )


def information_respond_by(store: Store, case: Case, today: date) -> date:
    raw = store.settings.get(INFORMATION_DAYS_SETTING) or {}
    days = dict(DEFAULT_INFORMATION_DAYS)
    if isinstance(raw, Mapping):
        days.update({k: int(v) for k, v in raw.items() if k in days and int(v) > 0})
    key = "expedited" if case.urgency == Urgency.EXPEDITED else "standard"
    return today + timedelta(days=days[key])


def build(
    *,
    kind: LetterKind,
    plan: PlanLetterhead,
    case: Case,
    evaluation: Evaluation,
    signer: User,
    signer_role: Role,
    decision_date: date,
    approval: ApprovalTerms | None = None,
    reasons: Mapping[str, str] | None = None,
    missing: Sequence[MissingItem] = (),
    respond_by: date | None = None,
    information: InformationRequest | None = None,
) -> LetterData:
    """A complete `LetterData`, or InvalidInput naming what the letter would lack."""
    values: dict[str, Any] = {
        "kind": kind,
        "plan": plan,
        "member": _member(case),
        "prescriber": _prescriber(case),
        "reference": case.reference,
        "regimen": _regimen(case),
        "dose": _dose(case, approval),
        "decision_date": decision_date,
        "received_date": case.received_on,
        "evaluation": evaluation,
        "signer": Signer(
            name=signer.full_name,
            credentials=signer.credentials,
            role=SIGNER_TITLES[signer_role],
        ),
    }
    if kind == LetterKind.APPROVAL:
        assert approval is not None
        values["approval"] = ApprovalDetails(
            authorization_number=approval.authorization_number,
            period_from=approval.period_from,
            period_to=approval.period_to,
            units_per_dose=approval.units_per_dose,
            units_per_period=approval.units_total,
            doses=approval.doses,
            continues_authorization=approval.continues_authorization,
        )
    elif kind == LetterKind.DENIAL:
        values["denial"] = _denial(case, evaluation, signer, reasons or {}, information)
    else:
        assert respond_by is not None
        values["information"] = RequestForInformationDetails(
            items=[InformationItem(item=m.item, why_needed=m.why_needed) for m in missing],
            respond_by=respond_by,
        )
    try:
        return LetterData.model_validate(values)
    except ValidationError as exc:
        raise InvalidInput("letter", _first_error(exc)) from None


def _member(case: Case) -> Member:
    m = case.member
    missing = [
        f"member.{name}"
        for name, value in (
            ("first_name", m.first_name or m.last_name),
            ("id", m.id),
            ("birth_date", m.birth_date),
            ("address", m.address),
        )
        if not value
    ]
    if missing:
        raise InvalidInput(missing[0], "not documented; the letter cannot be addressed without it")
    assert m.id is not None and m.birth_date is not None and m.address is not None
    return Member(
        name=m.full_name, id=m.id, birth_date=m.birth_date, address_lines=m.address[:5],
        plan=m.plan,
    )


def _prescriber(case: Case) -> Prescriber:
    p = case.prescriber
    if not p.name:
        raise InvalidInput("prescriber.name", "not documented; the letter is copied to them")
    return Prescriber(name=p.name, address_lines=p.address or [], phone=p.phone, fax=p.fax)


def _regimen(case: Case) -> str:
    med = case.medication
    text = _REGIMEN_WORDS.get(med.regimen, "Ixabepilone") if med.regimen else "Ixabepilone"
    if med.interval_days:
        text += f", every {med.interval_days} days"
    return text


def _dose(case: Case, approval: ApprovalTerms | None) -> str:
    med = case.medication
    if med.dose_mg_per_m2 is None:
        return "not stated in the request"
    text = f"{med.dose_mg_per_m2:g} mg/m²"
    if med.bsa_m2 is not None:
        # Every letter (a denial too) shows the total; above 2.2 m² the label caps the area.
        area = min(med.bsa_m2, 2.2)
        total = round(med.dose_mg_per_m2 * area, 1)
        text += f" × {area:g} m² = {total:g} mg"
        if med.bsa_m2 > 2.2:
            text += f" (body surface area {med.bsa_m2:g} m², capped at 2.2 m² as the label directs)"
    if approval is not None:
        text += f", {approval.units_per_dose} units of J9207"
    return text + " per dose"


def _denial(
    case: Case,
    evaluation: Evaluation,
    signer: User,
    reasons: Mapping[str, str],
    information: InformationRequest | None = None,
) -> DenialDetails:
    """`information`: the overdue request for information a needs_information denial rests on
    (`permissions.not_received_denial`); the letter then cites the undocumented clauses."""
    if information is not None and not information.not_received:
        information = None
    clauses = relied_on(evaluation, information)
    if not signer.p2p_phone:
        raise InvalidInput(
            "p2p_phone", "your account has no peer-to-peer phone number for the denial letter"
        )
    not_received = None
    changes = [what_would_change(c) for c in clauses]
    if information is not None and not_received_denial(evaluation, information):
        items = [m.item for m in information.items] or [
            what_would_change(c) for c in clauses
        ]
        not_received = InformationNotReceived(
            requested_on=information.requested_on,
            respond_by=information.respond_by,
            items=items,
        )
        changes = [*(m.item for m in information.items), *changes]
    return DenialDetails(
        reasons=[DenialReason(clause_id=c.id, reason=reasons[c.id]) for c in clauses],
        what_would_change=_unique(changes),
        information_not_received=not_received,
        appeal_deadline_days=appeal_deadline_days_for(case.member.plan),
        appeal_counted_from=appeal_counted_from(case.member.plan),
        peer_to_peer_phone=signer.p2p_phone,
        physician_name=signer.full_name,
        physician_credentials=signer.credentials or "MD",
    )


def what_would_change(clause: ClauseResult) -> str:
    """The policy's plain words for what would change the decision on this clause.

    Without them (a policy file that has none yet), the clause as printed, cited by
    its number and section, never by ixreview's internal id.
    """
    if clause.information_needed.strip():
        return clause.information_needed.strip()
    cite = _unmarkup(clause_citation(load_templates(), clause))
    if clause.role == ClauseRole.EXCLUSION:
        return f"Records showing that this no longer applies ({cite}): “{clause.text}”"
    return f"Records showing that this is met ({cite}): “{clause.text}”"


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _unmarkup(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _first_error(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    message = str(first["msg"]).removeprefix("Value error, ")
    return f"{where}: {message}" if where else message
