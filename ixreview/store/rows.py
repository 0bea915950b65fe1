"""Row helpers shared by the repositories: sqlite rows to dicts and records."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any

from ixreview.store.models import (
    Answer,
    DecisionCode,
    Determination,
    Letter,
    RequestRecord,
    Review,
    ReviewState,
    Role,
    User,
)


def dict_rows(cursor: sqlite3.Cursor) -> Iterator[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    for row in cursor:
        yield dict(zip(names, row, strict=True))


def one(cursor: sqlite3.Cursor) -> dict[str, Any] | None:
    return next(dict_rows(cursor), None)


_REQUEST_FIELDS = [
    "id",
    "reference",
    "intake_json",
    "received_at",
    "received_on",
    "urgency",
    "decision_due_at",
    "member_id",
    "member_name",
    "birth_date",
    "plan",
    "policy",
    "request_type",
    "continuation_of",
    "imported_at",
    "imported_by",
]
REQUEST_COLUMNS = ", ".join(_REQUEST_FIELDS)


def request_record(row: dict[str, Any]) -> RequestRecord:
    return RequestRecord(**{k: row[k] for k in _REQUEST_FIELDS})


def review_record(row: dict[str, Any]) -> Review:
    answers = {k: Answer.from_json(v) for k, v in json.loads(row["answers_json"]).items()}
    return Review(
        id=row["id"],
        request_id=row["request_id"],
        state=ReviewState(row["state"]),
        answers=answers,
        clause_comments=dict(json.loads(row["clause_comments_json"])),
        comment=row["comment"],
        assigned_to=row["assigned_to"],
        revision=row["revision"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        updated_by=row["updated_by"],
    )


def determination_record(row: dict[str, Any]) -> Determination:
    return Determination(
        id=row["id"],
        request_id=row["request_id"],
        review_id=row["review_id"],
        policy_id=row["policy_id"],
        policy_version=row["policy_version"],
        evaluation_json=row["evaluation_json"],
        decision=DecisionCode(row["decision"]),
        decider_id=row["decider_id"],
        decider_role=row["decider_role"],
        rationale=row["rationale"],
        authorization_number=row["authorization_number"],
        period_start=row["period_start"],
        period_end=row["period_end"],
        units=row["units"],
        supersedes_id=row["supersedes_id"],
        correction_reason=row["correction_reason"],
        decided_at=row["decided_at"],
    )


def letter_record(row: dict[str, Any]) -> Letter:
    return Letter(
        id=row["id"],
        determination_id=row["determination_id"],
        kind=row["kind"],
        pdf=bytes(row["pdf"]),
        sha256=row["sha256"],
        signer_id=row["signer_id"],
        signed_at=row["signed_at"],
        created_at=row["created_at"],
    )


def user_record(row: dict[str, Any]) -> User:
    key = row["signing_key_encrypted"]
    return User(
        id=row["id"],
        username=row["username"],
        full_name=row["full_name"],
        credentials=row["credentials"],
        role=Role(row["role"]),
        npi=row["npi"],
        p2p_phone=row["p2p_phone"],
        password_hash=row["password_hash"],
        active=bool(row["active"]),
        failed_attempts=row["failed_attempts"],
        locked_until=row["locked_until"],
        signing_key_encrypted=None if key is None else bytes(key),
        certificate_pem=row["certificate_pem"],
        created_at=row["created_at"],
    )
