"""Case files the desk makes itself (Qt-free): an empty review, and a continuation request.

A plan's intake normally assigns references and sends the case file; these are
for a request that came on paper or by phone, and for "start continuation
request" from an approval in the history. Both produce an `ixreview-case/1`
dictionary that goes through the store's normal import (validation, duplicate
and overlap warnings, continuation linking), so nothing here writes anything.

Candidates for `ixreview.workflow` once its owner takes them (no Qt, no store).
"""

from __future__ import annotations

import copy
import secrets
from datetime import date, datetime, timedelta
from typing import Any

from ixreview.domain.case import FORMAT_ID

IXABEPILONE_NAMES = ("ixabepilone", "ixempra")


def new_reference(now: datetime) -> str:
    """A reference for a request made in the app: IXR-20261122-4F2A9C (unique enough;
    the store refuses a duplicate and the caller draws again)."""
    return f"IXR-{now:%Y%m%d}-{secrets.token_hex(3).upper()}"


def empty_case(
    reference: str,
    received_at: datetime,
    *,
    first_name: str = "",
    last_name: str = "",
    member_id: str = "",
    urgency: str | None = None,
) -> dict[str, Any]:
    """The least a request needs; the reviewer enters the rest in the checklist."""
    member = {
        k: v.strip()
        for k, v in (("id", member_id), ("first_name", first_name), ("last_name", last_name))
        if v.strip()
    }
    data: dict[str, Any] = {
        "format": FORMAT_ID,
        "reference": reference,
        "received_at": received_at.isoformat(timespec="seconds"),
        "member": member,
    }
    if urgency:
        data["urgency"] = urgency
    return data


def continuation_case(
    intake: dict[str, Any],
    *,
    reference: str,
    received_at: datetime,
    authorization_number: str,
    period_start: str | None,
    period_end: str | None,
) -> dict[str, Any]:
    """A continuation of an approved request, pre-filled from it.

    Kept: member, prescriber, medication, diagnosis, biomarkers, treatment history.
    New: reference, received time, request type, the link to the authorization,
    and the requested start (the day after the authorization ends). Left for the
    reviewer: new baseline labs, urgency, toxicity and progression on ixabepilone.
    Ixabepilone joins the treatment history (from the authorized start) if the
    earlier request did not list it, and counts as one more line of therapy.
    """
    data = copy.deepcopy(intake)
    data["reference"] = reference
    data["received_at"] = received_at.isoformat(timespec="seconds")
    data["request_type"] = "continuation"
    data.pop("urgency", None)
    data["labs"] = {}
    data["continuation"] = {"prior_authorization": authorization_number}
    medication = dict(data.get("medication") or {})
    if period_end:
        medication["requested_start"] = (
            date.fromisoformat(period_end) + timedelta(days=1)
        ).isoformat()
    data["medication"] = medication
    therapies = list(data.get("prior_therapies") or [])
    on_it = any(str(t.get("agent", "")).lower() in IXABEPILONE_NAMES for t in therapies)
    if not on_it and period_start:
        therapies.append(
            {
                "agent": "ixabepilone",
                "setting": "metastatic",  # ixabepilone is given for advanced disease only
                "start": period_start,
                "end": None,
                "progressed_on_therapy": None,
                "progression_date": None,
            }
        )
        if isinstance(data.get("prior_lines_of_therapy"), int):
            data["prior_lines_of_therapy"] += 1
    data["prior_therapies"] = therapies
    return data
