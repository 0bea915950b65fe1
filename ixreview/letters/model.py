"""`LetterData`: everything a determination letter prints, as one plain model.

The workflow layer builds a `LetterData` from the store (case, evaluation,
decision, settings, signer); this package renders and signs from it alone and
never reads the store. Validation here catches letters that would be incomplete
(a denial without a reason for an unmet clause, an approval without a period),
with messages that name the field.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from ixreview.domain.evaluation import ClauseResult, ClauseRole, Evaluation, Truth
from ixreview.domain.policies import PolicyError, default_registry

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

COMMERCIAL_APPEAL_DAYS = 180  # ERISA group health plans
MEDICARE_ADVANTAGE_APPEAL_DAYS = 65  # Medicare Part C / D reconsideration


class LetterKind(StrEnum):
    APPROVAL = "approval"
    DENIAL = "denial"
    REQUEST_FOR_INFORMATION = "request_for_information"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PlanLetterhead(_Model):
    """The plan's settings printed in the letterhead and used for appeals."""

    name: Text
    address_lines: list[Text] = Field(min_length=1)
    phone: Text
    fax: str | None = None
    website: str | None = None
    logo_path: Path | None = None
    # Where appeals go; the letterhead address when empty.
    appeals_address_lines: list[Text] = Field(default_factory=list)
    appeals_fax: str | None = None
    tty: str | None = "711"


class Member(_Model):
    name: Text
    id: Text
    birth_date: date
    address_lines: list[Text] = Field(min_length=1, max_length=5)
    plan: str | None = None  # e.g. "Commercial PPO", "Medicare Advantage HMO"


class Prescriber(_Model):
    name: Text
    address_lines: list[Text] = Field(default_factory=list)
    phone: str | None = None
    fax: str | None = None


class Signer(_Model):
    """Who signs; `meaning` defaults to the kind's wording ("Denied by", ...)."""

    name: Text
    credentials: str = ""  # "MD", "RN, CCM"
    role: Text  # "Physician reviewer (Medical Director)"
    meaning: str | None = None


class ApprovalDetails(_Model):
    authorization_number: Text
    period_from: date
    period_to: date  # inclusive
    units_per_dose: int = Field(gt=0)  # J9207 units, 1 unit = 1 mg
    units_per_period: int = Field(gt=0)
    doses: int | None = Field(default=None, gt=0)
    # A continuation: the earlier authorization this one continues (from the store's link).
    continues_authorization: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.period_to < self.period_from:
            raise ValueError(
                f"approval.period_to ({self.period_to}) is before period_from ({self.period_from})"
            )
        if self.units_per_period < self.units_per_dose:
            raise ValueError("approval.units_per_period must be at least approval.units_per_dose")
        return self


class DenialReason(_Model):
    """The member-specific reason for one unmet clause, as the physician confirmed it."""

    clause_id: Text
    reason: Text


class InformationNotReceived(_Model):
    """A denial made because a request for information went unanswered by its date."""

    requested_on: date
    respond_by: date
    items: list[Text] = Field(min_length=1)  # what was asked for, in words

    @model_validator(mode="after")
    def _dates(self) -> Self:
        if self.respond_by < self.requested_on:
            raise ValueError(
                f"denial.information_not_received.respond_by ({self.respond_by}) is before "
                f"requested_on ({self.requested_on})"
            )
        return self


class DenialDetails(_Model):
    reasons: list[DenialReason] = Field(min_length=1)
    what_would_change: list[Text] = Field(min_length=1)
    appeal_deadline_days: int = Field(default=COMMERCIAL_APPEAL_DAYS, gt=0, le=365)
    # What the appeal window counts from: Medicare Advantage, the date of the notice;
    # commercial (ERISA) plans, the day the member receives it.
    appeal_counted_from: Literal["notice", "receipt"] = "receipt"
    expedited_appeal_text: str | None = None  # overrides the template paragraph
    peer_to_peer_phone: Text
    physician_name: Text
    physician_credentials: Text
    # Set when the denial rests on information requested and not received: the
    # reasons then cite the clauses still not documented (`undocumented_clauses`).
    information_not_received: InformationNotReceived | None = None


class InformationItem(_Model):
    item: Text  # what is missing, in words
    why_needed: Text


class RequestForInformationDetails(_Model):
    items: list[InformationItem] = Field(min_length=1)
    respond_by: date


class LetterData(_Model):
    """Input of `render_letter` / `sign_letter`. Plain data, no store objects."""

    kind: LetterKind
    plan: PlanLetterhead
    member: Member
    prescriber: Prescriber
    reference: Text
    drug: Text = "ixabepilone (Ixempra)"
    # The day the request was received: names the policy version in force when the
    # policy prints no version of its own ("the version in force on ...").
    received_date: date | None = None
    regimen: Text
    dose: Text
    decision_date: date
    evaluation: Evaluation
    signer: Signer
    approval: ApprovalDetails | None = None
    denial: DenialDetails | None = None
    information: RequestForInformationDetails | None = None

    @model_validator(mode="after")
    def _details_match_kind(self) -> Self:
        wanted = {
            LetterKind.APPROVAL: "approval",
            LetterKind.DENIAL: "denial",
            LetterKind.REQUEST_FOR_INFORMATION: "information",
        }[self.kind]
        if getattr(self, wanted) is None:
            raise ValueError(f"{wanted}: required for a {self.kind.value} letter")
        for name in ("approval", "denial", "information"):
            if name != wanted and getattr(self, name) is not None:
                raise ValueError(f"{name}: must be empty for a {self.kind.value} letter")
        if self.denial is not None:
            self._check_denial_reasons(self.denial)
        return self

    def _check_denial_reasons(self, denial: DenialDetails) -> None:
        """Every clause the denial relies on has a reason; no reason cites a met clause."""
        relied_on = [c.id for c in denial_basis(self.evaluation, denial)]
        if not relied_on:
            raise ValueError(
                "evaluation: a denial needs at least one unmet criterion or met exclusion"
                if denial.information_not_received is None
                else "evaluation: a denial for information not received needs at least one "
                "criterion that is still not documented"
            )
        given = [r.clause_id for r in denial.reasons]
        unknown = [cid for cid in given if cid not in relied_on]
        if unknown:
            raise ValueError(
                f"denial.reasons: clause(s) {', '.join(unknown)} are not unmet criteria "
                f"of this evaluation (unmet: {', '.join(relied_on)})"
            )
        missing = [cid for cid in relied_on if cid not in given]
        if missing:
            raise ValueError(
                f"denial.reasons: no member-specific reason for clause(s) {', '.join(missing)}"
            )
        if len(set(given)) != len(given):
            raise ValueError("denial.reasons: a clause has more than one reason")

    @property
    def is_draft_policy(self) -> bool:
        return self.evaluation.policy.status.strip().lower() == "draft"


def denial_clauses(evaluation: Evaluation) -> list[ClauseResult]:
    """The clauses a denial relies on: unmet top-level criteria, then met exclusions.

    Catch-all exclusions ("when the above criteria are not met and for all other
    indications", "all other indications are considered experimental") are left
    out: they only restate that an approval criterion failed, which the denial
    already names, and calling a member's use "experimental" when the gap is
    documentation would be wrong. They stay in the criteria table.
    """
    restated = restating_clauses(evaluation)
    return [
        *evaluation.unmet_approval_clauses(),
        *(c for c in evaluation.met_exclusions() if c.id not in restated),
    ]


def undocumented_clauses(evaluation: Evaluation) -> list[ClauseResult]:
    """Top-level clauses still not documented (status unknown): approval criteria, then
    exclusions, leaving out the catch-alls that only restate other clauses."""
    restated = restating_clauses(evaluation)
    top = [c for c in evaluation.clauses if c.parent is None and c.status == Truth.UNKNOWN]
    return [
        *(c for c in top if c.role == ClauseRole.APPROVAL),
        *(c for c in top if c.role == ClauseRole.EXCLUSION and c.id not in restated),
    ]


def denial_basis(evaluation: Evaluation, denial: DenialDetails) -> list[ClauseResult]:
    """The clauses a denial letter cites: unmet ones, or, when it rests on information
    not received, the ones that information would have settled."""
    if denial.information_not_received is not None:
        return undocumented_clauses(evaluation)
    return denial_clauses(evaluation)


def restating_clauses(evaluation: Evaluation) -> frozenset[str]:
    """Exclusions whose logic is made only of other clauses (no fact of the member's).

    Read from the policy version's data; a version the registry does not know
    (a test's hand-made evaluation) has none.
    """
    try:
        version = default_registry().get(evaluation.policy.key)
    except PolicyError:
        return frozenset()
    return frozenset(
        c.id
        for c in version.clauses
        if c.role == "exclusion" and c.logic.clause_refs() and not c.logic.fact_names()
    )


def is_medicare_advantage(plan: str | None) -> bool:
    return "medicare" in (plan or "").lower()


def appeal_deadline_days_for(plan: str | None) -> int:
    """The default appeal window for a plan description (65 Medicare Advantage, else 180)."""
    if is_medicare_advantage(plan):
        return MEDICARE_ADVANTAGE_APPEAL_DAYS
    return COMMERCIAL_APPEAL_DAYS


def appeal_counted_from(plan: str | None) -> Literal["notice", "receipt"]:
    """Medicare Advantage counts 65 days from the notice's date; ERISA 180 from receipt."""
    return "notice" if is_medicare_advantage(plan) else "receipt"


__all__ = [
    "COMMERCIAL_APPEAL_DAYS",
    "MEDICARE_ADVANTAGE_APPEAL_DAYS",
    "ApprovalDetails",
    "DenialDetails",
    "DenialReason",
    "InformationItem",
    "InformationNotReceived",
    "LetterData",
    "LetterKind",
    "Member",
    "PlanLetterhead",
    "Prescriber",
    "RequestForInformationDetails",
    "Signer",
    "appeal_counted_from",
    "appeal_deadline_days_for",
    "denial_basis",
    "denial_clauses",
    "restating_clauses",
    "undocumented_clauses",
]
