"""The result of evaluating a case against one policy version.

This is what the checklist shows, what a determination stores verbatim, what a
letter cites, and (through `to_json_dict`) the `ixreview evaluate --json`
contract that other tools read. Keep field names stable.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict


class Truth(StrEnum):
    """Three-valued clause status, plus not_applicable for a branch that cannot apply."""

    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not_applicable"


class Outcome(StrEnum):
    MEETS = "meets_criteria"
    DOES_NOT_MEET = "does_not_meet_criteria"
    NEEDS_INFORMATION = "needs_information"


class ClauseRole(StrEnum):
    APPROVAL = "approval"  # must hold for approval
    EXCLUSION = "exclusion"  # "may not be approved": when met, it overrides approval


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PolicyRef(_Frozen):
    id: str
    version: str
    title: str
    status: str
    issuer: str
    document_number: str
    effective_date: str | None

    @property
    def key(self) -> str:
        return f"{self.id}@{self.version}"


class ClauseResult(_Frozen):
    id: str  # unique within the policy version (I, II.A, NA.I, ...)
    text: str  # the policy's exact wording
    number: str = ""  # the number as printed in the policy (I, II.A, ...)
    section: str = ""  # the heading the clause stands under
    role: ClauseRole
    status: Truth
    reason: str  # plain language, naming the values used
    depth: int  # nesting level in the clause tree, for display
    parent: str | None
    missing: list[str]  # case-format field paths that would settle an unknown
    # Plain language for letters, from the policy data: why the member does not meet
    # this clause, and what information would change that.
    denial_reason: str = ""
    information_needed: str = ""


class DerivedFact(_Frozen):
    """A computed fact shown with its inputs (resistance windows, ratios, ...)."""

    name: str
    label: str
    value: str  # "yes", "no", "not documented", or a number with its unit
    explanation: str


class Authorization(_Frozen):
    months: int
    units_per_dose: int
    units_total: int
    doses: int
    start: str  # ISO date
    end: str  # ISO date, inclusive
    capped_bsa_m2: float


class Evaluation(_Frozen):
    policy: PolicyRef
    outcome: Outcome
    clauses: list[ClauseResult]
    missing: list[str]
    authorization: Authorization | None
    warnings: list[str]
    derived: list[DerivedFact]
    # Why this request needs a physician even when the criteria are met (dosing off
    # label, hepatic impairment, ...): a nurse may not approve while any is present.
    review_flags: list[str] = []
    summary: str  # one sentence for the reviewer

    def clause(self, clause_id: str) -> ClauseResult:
        for c in self.clauses:
            if c.id == clause_id:
                return c
        raise KeyError(clause_id)

    def unmet_approval_clauses(self) -> list[ClauseResult]:
        return [
            c
            for c in self.clauses
            if c.status == Truth.NOT_MET and c.role == ClauseRole.APPROVAL and c.parent is None
        ]

    def met_exclusions(self) -> list[ClauseResult]:
        return [c for c in self.clauses if c.status == Truth.MET and c.role == ClauseRole.EXCLUSION]

    def to_json_dict(self) -> dict[str, Any]:
        """The `ixreview evaluate --json` contract."""
        return {
            "policy": {
                "id": self.policy.id,
                "version": self.policy.version,
                "title": self.policy.title,
                "status": self.policy.status,
                "issuer": self.policy.issuer,
                "document_number": self.policy.document_number,
                "effective_date": self.policy.effective_date,
            },
            "outcome": self.outcome.value,
            "summary": self.summary,
            "clauses": [
                {
                    "id": c.id,
                    "number": c.number,
                    "section": c.section,
                    "text": c.text,
                    "role": c.role.value,
                    "status": c.status.value,
                    "reason": c.reason,
                    "parent": c.parent,
                    "missing": c.missing,
                    "denial_reason": c.denial_reason,
                    "information_needed": c.information_needed,
                }
                for c in self.clauses
            ],
            "missing": self.missing,
            "authorization": None
            if self.authorization is None
            else self.authorization.model_dump(),
            "warnings": self.warnings,
            "review_flags": self.review_flags,
            "derived": [d.model_dump() for d in self.derived],
        }
