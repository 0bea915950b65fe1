"""Requests received as HL7 Da Vinci PAS Bundles: the Bundle as received, and the PAS
metrics the guide's PASMetricData model keeps for each request.

The Bundle text is stored exactly as received beside the derived `ixreview-case/1`
request (`requests.intake_json`), with the FHIR path each imported answer came
from. Triggers (schema migration 4) keep the metrics without any caller's help:
the final response time is stamped by every approval, denial or cancellation; a
pend opens a request for more information, answered when the review leaves the
pended state for a draft (information arrived) or a decision.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from ixreview.store.clock import utc_iso
from ixreview.store.rows import dict_rows, one

if TYPE_CHECKING:
    from ixreview.store.store import Store


@dataclass(frozen=True)
class PasIntake:
    """What the import keeps of a PAS Bundle besides the derived request."""

    bundle_json: str  # exactly as received
    bundle_identifier: str | None
    claim_url: str | None
    item_sequence: int
    sources: dict[str, str]  # case field path -> FHIRPath in the Bundle
    submitted_at: datetime


@dataclass(frozen=True)
class InformationRequestTimes:
    determination_id: int
    requested_at: str
    respond_by: str | None
    answered_at: str | None


@dataclass(frozen=True)
class PasRecord:
    request_id: int
    bundle_json: str
    bundle_identifier: str | None
    claim_url: str | None
    item_sequence: int
    sources: dict[str, str]
    first_submitted_at: str
    final_response_at: str | None
    information_requests: list[InformationRequestTimes]


class PasRepository:
    def __init__(self, store: Store) -> None:
        self._store = store

    def attach(self, request_id: int, intake: PasIntake) -> None:
        """Record the Bundle of a request being imported (inside the import's transaction)."""
        self._store.conn.execute(
            "INSERT INTO pas_requests (request_id, bundle_identifier, claim_url, item_sequence,"
            " sources_json, first_submitted_at, bundle_json) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                request_id,
                intake.bundle_identifier,
                intake.claim_url,
                intake.item_sequence,
                json.dumps(intake.sources, sort_keys=True),
                utc_iso(intake.submitted_at),
                intake.bundle_json,
            ),
        )

    def get(self, request_id: int) -> PasRecord | None:
        """The PAS record of a request, or None when it was not received as a Bundle."""
        conn = self._store.conn
        row = one(conn.execute("SELECT * FROM pas_requests WHERE request_id = ?", (request_id,)))
        if row is None:
            return None
        rfis = [
            InformationRequestTimes(
                r["determination_id"], r["requested_at"], r["respond_by"], r["answered_at"]
            )
            for r in dict_rows(
                conn.execute(
                    "SELECT determination_id, requested_at, respond_by, answered_at"
                    " FROM pas_information_requests WHERE request_id = ? ORDER BY id",
                    (request_id,),
                )
            )
        ]
        return PasRecord(
            request_id=request_id,
            bundle_json=row["bundle_json"],
            bundle_identifier=row["bundle_identifier"],
            claim_url=row["claim_url"],
            item_sequence=int(row["item_sequence"]),
            sources=json.loads(row["sources_json"]),
            first_submitted_at=row["first_submitted_at"],
            final_response_at=row["final_response_at"],
            information_requests=rfis,
        )
