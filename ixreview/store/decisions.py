"""Determinations and their signed letters: written once, never changed.

A request has at most one current determination. A later one (a correction, or
an approval after a pend) must supersede the current one and say why; the
superseded record stays as it was. Triggers make both tables immutable.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import TYPE_CHECKING

from ixreview.store.clock import utc_iso
from ixreview.store.errors import InvalidRecordError, NotFoundError
from ixreview.store.models import AuditAction, DecisionCode, Determination, Letter, NewDetermination
from ixreview.store.rows import determination_record, dict_rows, letter_record, one

if TYPE_CHECKING:
    from ixreview.store.store import Store


class DeterminationRepository:
    def __init__(self, store: Store) -> None:
        self._store = store

    def get(self, determination_id: int) -> Determination:
        row = one(
            self._store.conn.execute(
                "SELECT * FROM determinations WHERE id = ?", (determination_id,)
            )
        )
        if row is None:
            raise NotFoundError(f"no determination with id {determination_id}")
        return determination_record(row)

    def for_request(self, request_id: int) -> list[Determination]:
        """Every determination of the request, oldest first (corrections last)."""
        rows = self._store.conn.execute(
            "SELECT * FROM determinations WHERE request_id = ? ORDER BY id", (request_id,)
        )
        return [determination_record(r) for r in dict_rows(rows)]

    def current(self, request_id: int) -> Determination | None:
        row = one(
            self._store.conn.execute(
                "SELECT * FROM determinations d WHERE d.request_id = ? AND NOT EXISTS"
                " (SELECT 1 FROM determinations s WHERE s.supersedes_id = d.id)",
                (request_id,),
            )
        )
        return None if row is None else determination_record(row)

    def add(self, new: NewDetermination, *, actor: int | None = None) -> Determination:
        """Record a decision (one transaction, audited as 'decided')."""
        store = self._store
        if new.decision == DecisionCode.APPROVED and (
            not new.authorization_number
            or new.period_start is None
            or new.period_end is None
            or new.units is None
        ):
            raise InvalidRecordError(
                "an approval needs its authorization number, period start and end, and units"
            )
        if new.supersedes_id is not None and not (new.correction_reason or "").strip():
            raise InvalidRecordError("correction_reason: say why the earlier decision is replaced")
        policy = new.evaluation.policy
        with store.transaction():
            request = store.requests.get(new.request_id)
            review = store.reviews.get(new.review_id)
            if review.request_id != request.id:
                raise InvalidRecordError(
                    f"review {review.id} belongs to another request than {request.id}"
                )
            current = self.current(request.id)
            if current is not None and new.supersedes_id != current.id:
                raise InvalidRecordError(
                    f"request {request.id} already has determination {current.id}; a new "
                    "decision must supersede it and give a correction reason"
                )
            if current is None and new.supersedes_id is not None:
                raise InvalidRecordError(
                    f"determination {new.supersedes_id} is not the current decision of "
                    f"request {request.id}"
                )
            cur = store.conn.execute(
                "INSERT INTO determinations (request_id, review_id, received_at, policy_id,"
                " policy_version, evaluation_json, decision, decider_id, decider_role, rationale,"
                " authorization_number, period_start, period_end, units, supersedes_id,"
                " correction_reason, decided_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    request.id,
                    review.id,
                    request.received_at,
                    policy.id,
                    policy.version,
                    new.evaluation.model_dump_json(),
                    new.decision.value,
                    new.decider_id,
                    new.decider_role,
                    new.rationale,
                    new.authorization_number,
                    None if new.period_start is None else new.period_start.isoformat(),
                    None if new.period_end is None else new.period_end.isoformat(),
                    new.units,
                    new.supersedes_id,
                    new.correction_reason,
                    utc_iso(store.now()),
                ),
            )
            determination_id = int(cur.lastrowid or 0)
            store.audit.append(
                AuditAction.DECIDED,
                "determination",
                determination_id,
                actor=new.decider_id if actor is None else actor,
                details={
                    "request_id": request.id,
                    "decision": new.decision.value,
                    "policy": policy.key,
                    "supersedes": new.supersedes_id,
                },
            )
        return self.get(determination_id)

    # -- letters -------------------------------------------------------------
    def add_letter(
        self,
        determination_id: int,
        pdf: bytes,
        *,
        signer_id: int,
        signed_at: datetime,
        kind: str = "determination",
        actor: int | None = None,
    ) -> Letter:
        """Keep a signed letter's bytes and their SHA-256 (audited as 'signed')."""
        if not pdf:
            raise InvalidRecordError("a letter must have content")
        digest = hashlib.sha256(pdf).hexdigest()
        store = self._store
        with store.transaction():
            self.get(determination_id)
            cur = store.conn.execute(
                "INSERT INTO letters (determination_id, kind, pdf, sha256, signer_id, signed_at,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    determination_id,
                    kind,
                    pdf,
                    digest,
                    signer_id,
                    utc_iso(signed_at),
                    utc_iso(store.now()),
                ),
            )
            letter_id = int(cur.lastrowid or 0)
            store.audit.append(
                AuditAction.SIGNED,
                "letter",
                letter_id,
                actor=signer_id if actor is None else actor,
                details={"determination_id": determination_id, "sha256": digest, "kind": kind},
            )
        return self.letter(letter_id)

    def letter(self, letter_id: int) -> Letter:
        row = one(self._store.conn.execute("SELECT * FROM letters WHERE id = ?", (letter_id,)))
        if row is None:
            raise NotFoundError(f"no letter with id {letter_id}")
        return letter_record(row)

    def letters(self, determination_id: int) -> list[Letter]:
        rows = self._store.conn.execute(
            "SELECT * FROM letters WHERE determination_id = ? ORDER BY id", (determination_id,)
        )
        return [letter_record(r) for r in dict_rows(rows)]
