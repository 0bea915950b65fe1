"""Plain records the store reads and writes.

They are dataclasses rather than pydantic models: they come from our own
database, not from the outside world, and the workflow and GUI pass them around
and copy them (`dataclasses.replace`) freely. JSON-valued fields hold only what
`json.dumps` accepts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from ixreview.domain.case import Case
from ixreview.domain.evaluation import Evaluation
from ixreview.domain.intake import parse_case_json


class ReviewState(StrEnum):
    DRAFT = "draft"
    REFERRED = "referred"  # referred to a physician reviewer
    PENDED = "pended"  # waiting for information from the prescriber
    DECIDED = "decided"
    CANCELLED = "cancelled"


OPEN_STATES = frozenset({ReviewState.DRAFT, ReviewState.REFERRED, ReviewState.PENDED})


class AnswerOrigin(StrEnum):
    """Where a checklist answer came from (HL7 Da Vinci DTR: auto / manual / override)."""

    IMPORTED = "imported"
    ENTERED = "entered"
    OVERRIDE = "override"  # the reviewer replaced an imported value


class DecisionCode(StrEnum):
    """X12 278 / Da Vinci PAS review action codes the program issues."""

    APPROVED = "A1"
    DENIED = "A3"
    PENDED = "A4"
    CANCELLED = "C"  # X12 306: A6 means modified, never cancelled

    @property
    def word(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> DecisionCode:
        """Accept the code ("A1") or the word ("approved")."""
        for member in cls:
            if text.strip().upper() == member.value or text.strip().lower() == member.word:
                return member
        words = ", ".join(f"{m.word} ({m.value})" for m in cls)
        raise ValueError(f'"{text}" is not a decision; expected one of {words}')


class Role(StrEnum):
    NURSE = "nurse"
    PHYSICIAN = "physician"
    ADMIN = "admin"


class AuditAction(StrEnum):
    """Actions the audit log names; other layers may add lowercase words of their own."""

    CREATED = "created"
    VIEWED = "viewed"
    CHANGED = "changed"
    DECIDED = "decided"
    SIGNED = "signed"
    PRINTED = "printed"
    EXPORTED = "exported"
    SIGN_IN = "sign_in"
    SIGN_IN_FAILED = "sign_in_failed"
    SIGN_OUT = "sign_out"
    LOCKED = "locked"
    UNLOCKED = "unlocked"
    DEACTIVATED = "deactivated"
    BACKED_UP = "backed_up"
    RESTORED = "restored"


@dataclass(frozen=True)
class Answer:
    """One checklist answer, with its provenance."""

    value: Any
    origin: AnswerOrigin
    set_by: int | None  # user id; None for values imported from the request
    set_at: str  # ISO 8601 UTC
    imported_value: Any = None  # what the request said, kept when overridden

    def to_json(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "origin": self.origin.value,
            "set_by": self.set_by,
            "set_at": self.set_at,
            "imported_value": self.imported_value,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Answer:
        return cls(
            value=data.get("value"),
            origin=AnswerOrigin(data["origin"]),
            set_by=data.get("set_by"),
            set_at=str(data["set_at"]),
            imported_value=data.get("imported_value"),
        )


@dataclass
class Review:
    """The reviewer's working record for one request; saved on every answer."""

    id: int
    request_id: int
    state: ReviewState
    answers: dict[str, Answer] = field(default_factory=dict)
    clause_comments: dict[str, str] = field(default_factory=dict)
    comment: str = ""
    assigned_to: int | None = None
    revision: int = 1  # bumped by every save; the optimistic-concurrency token
    created_at: str = ""
    updated_at: str = ""
    updated_by: int | None = None


@dataclass(frozen=True)
class RequestRecord:
    """An imported request. `intake_json` is the document exactly as received."""

    id: int
    reference: str
    intake_json: str
    received_at: str  # UTC ISO 8601
    received_on: str  # the calendar date as written in the request
    urgency: str | None
    decision_due_at: str  # UTC ISO 8601
    member_id: str | None
    member_name: str
    birth_date: str | None
    plan: str | None
    policy: str | None
    request_type: str | None
    continuation_of: int | None  # the determination this continuation follows
    imported_at: str
    imported_by: int | None

    def case(self) -> Case:
        return parse_case_json(self.intake_json)


@dataclass(frozen=True)
class NewDetermination:
    """What the workflow hands the store to record a decision."""

    request_id: int
    review_id: int
    evaluation: Evaluation
    decision: DecisionCode
    decider_id: int
    decider_role: str
    rationale: str
    authorization_number: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    units: int | None = None
    supersedes_id: int | None = None
    correction_reason: str | None = None


@dataclass(frozen=True)
class Determination:
    """A recorded decision; immutable in the database."""

    id: int
    request_id: int
    review_id: int
    policy_id: str
    policy_version: str
    evaluation_json: str
    decision: DecisionCode
    decider_id: int
    decider_role: str
    rationale: str
    authorization_number: str | None
    period_start: str | None
    period_end: str | None
    units: int | None
    supersedes_id: int | None
    correction_reason: str | None
    decided_at: str

    def evaluation(self) -> Evaluation:
        """The evaluation exactly as the reviewer saw it when deciding."""
        return Evaluation.model_validate(json.loads(self.evaluation_json))


@dataclass(frozen=True)
class Letter:
    id: int
    determination_id: int
    kind: str
    pdf: bytes
    sha256: str
    signer_id: int
    signed_at: str
    created_at: str


@dataclass(frozen=True)
class User:
    id: int
    username: str
    full_name: str
    credentials: str
    role: Role
    npi: str | None
    p2p_phone: str | None
    password_hash: str | None
    active: bool
    failed_attempts: int
    locked_until: str | None
    signing_key_encrypted: bytes | None
    certificate_pem: str | None
    created_at: str


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    actor_id: int | None
    action: str
    object_type: str
    object_id: str | None
    details: dict[str, Any]
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class ChainReport:
    """Result of `verify_audit_chain`: ok, or the first bad entry and why."""

    ok: bool
    entries: int
    head_hash: str | None = None
    bad_seq: int | None = None
    reason: str | None = None


@dataclass(frozen=True)
class ImportResult:
    request_id: int
    review_id: int
    reference: str
    decision_due_at: str
    continuation_of: int | None
    warnings: list[str]


@dataclass(frozen=True)
class ClockSettings:
    """Decision clocks; defaults are the commercial / ERISA ones."""

    expedited_hours: float = 72
    standard_days: float = 15


@dataclass(frozen=True)
class RequestView:
    """Everything `ixreview show` displays about one request."""

    request: RequestRecord
    review: Review
    determinations: list[Determination]
    letters: list[Letter]
