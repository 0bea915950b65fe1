"""Each request's stored intake against the audit entry that recorded its creation.

Import writes into the request's `created` entry the SHA-256 (hex) of the intake
exactly as stored (`intake_sha256`: the UTF-8 bytes of `requests.intake_json`) and,
for a request received as a PAS Bundle, of the Bundle as kept beside it
(`bundle_sha256`: `pas_requests.bundle_json`). Hashes only: the log holds no PHI.

`audit verify` recomputes both for every request on either backend and names each
request whose stored intake or Bundle differs from what was received; a trigger
guards the columns, but whoever can write the database file (or owns the server's
tables) can drop or disable it. Requests imported before the hashes were recorded
have none in their entry: they are counted once as not covered, neither passed in
silence nor taken for tampering. A request with no creation entry, and a creation
entry whose request is gone, are named too.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

INTAKE_SHA256 = "intake_sha256"
BUNDLE_SHA256 = "bundle_sha256"


def sha256_text(value: str | bytes | memoryview) -> str:
    """SHA-256 (hex) of a stored text column: its UTF-8 bytes (bytes as they are)."""
    data = value.encode("utf-8") if isinstance(value, str) else bytes(value)
    return hashlib.sha256(data).hexdigest()


def creation_hashes(intake_json: str, bundle_json: str | None) -> dict[str, str]:
    """The hashes a request's `created` entry records (see the module docstring)."""
    out = {INTAKE_SHA256: sha256_text(intake_json)}
    if bundle_json is not None:
        out[BUNDLE_SHA256] = sha256_text(bundle_json)
    return out


@dataclass
class IntakeReport:
    checked: int = 0  # requests whose intake was held to a recorded hash
    not_covered: int = 0  # requests created before the hash was recorded
    problems: list[str] = field(default_factory=list)

    @property
    def note(self) -> str | None:
        """The one sentence about requests the check cannot cover, if any."""
        if not self.not_covered:
            return None
        n = self.not_covered
        return (
            f"{n} request{'s' if n != 1 else ''} {'were' if n != 1 else 'was'} received "
            "before the audit log recorded a hash of each intake: "
            f"{'their' if n != 1 else 'its'} stored intake is not covered by this check"
        )


def check_intakes(conn: sqlite3.Connection, *, server: bool = False) -> IntakeReport:
    """Every request against its creation entry. `conn` is the desk's sqlite3
    connection, or the team server's `PgConnection` with `server=True`."""
    report = IntakeReport()
    created = _creation_entries(conn, server)
    seen: set[str] = set()
    for request_id, reference, intake, bundle, has_bundle in _requests(conn, server):
        key = str(request_id)
        seen.add(key)
        name = f"request {reference}" if reference else f"request {request_id}"
        entries = created.get(key)
        if not entries:
            report.problems.append(
                f"{name} is on record but the audit log has no entry creating it: it was "
                "added outside ixreview"
            )
            continue
        hashed = [d for _, d in entries if d.get(INTAKE_SHA256)]
        if not hashed:
            report.not_covered += 1
            continue
        report.checked += 1
        stored = None if intake is None else sha256_text(intake)
        if any(d[INTAKE_SHA256] != stored for d in hashed):
            report.problems.append(
                f"{name}: its stored intake was changed after it was received"
            )
        if has_bundle:
            _check_bundle(name, [d for _, d in entries], bundle, report)
    for key, entries in sorted(created.items(), key=lambda kv: (len(kv[0]), kv[0])):
        if key not in seen:
            report.problems.append(
                f"the audit log created request {key} (entry {entries[0][0]}) but no such "
                "request is on record: it was deleted"
            )
    return report


def _check_bundle(
    name: str, entries: list[dict[str, Any]], bundle: str | bytes | None, report: IntakeReport
) -> None:
    """The kept PAS Bundle against the hashes the request's creation entries recorded."""
    recorded = [d[BUNDLE_SHA256] for d in entries if d.get(INTAKE_SHA256) and d.get(BUNDLE_SHA256)]
    if bundle is None:
        if recorded:
            report.problems.append(
                f"{name}: the PAS Bundle it was received as is no longer on record: it was "
                "deleted outside ixreview"
            )
    elif recorded:
        if any(r != sha256_text(bundle) for r in recorded):
            report.problems.append(
                f"{name}: its stored PAS Bundle was changed after it was received"
            )
    # A Bundle no entry recorded was added behind the log, unless an entry from before
    # the hashes says the request came as one (an old desk request carried by transfer).
    elif all(d.get(INTAKE_SHA256) for d in entries) and not any(
        d.get("received_as") == "pas_bundle" for d in entries
    ):
        report.problems.append(
            f"{name}: a PAS Bundle is on record that the audit log did not record when "
            "the request was received: it was added outside ixreview"
        )


def _creation_entries(
    conn: sqlite3.Connection, server: bool
) -> dict[str, list[tuple[int, dict[str, Any]]]]:
    """request id -> [(seq, details)] of its `created` entries, oldest first."""
    column = "details" if server else "details_json"
    out: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    rows = conn.execute(
        f"SELECT seq, object_id, {column} FROM audit_log"
        " WHERE object_type = 'request' AND action = 'created' ORDER BY seq"
    )
    for seq, object_id, details in rows:
        if object_id is None:
            continue  # a transferred entry whose request the server does not hold
        out.setdefault(str(object_id), []).append((int(seq), _details(details)))
    return out


def _details(raw: Any) -> dict[str, Any]:
    if isinstance(raw, dict):
        return raw  # jsonb, on the server
    try:
        parsed = json.loads(raw)
    except (TypeError, ValueError):
        return {}
    return parsed if isinstance(parsed, dict) else {}


def _requests(
    conn: sqlite3.Connection, server: bool
) -> Iterator[tuple[int, str | None, Any, Any, bool]]:
    """(id, reference, intake, bundle or None, whether Bundles are kept) per request.

    On the desk the columns are read as bytes (CAST AS BLOB): a value written by hand
    as text that is not UTF-8 is still hashed, never a traceback."""
    if server:
        found = conn.execute("SELECT to_regclass('ixreview.pas_requests') IS NOT NULL")
        row = found.fetchone()
        has_table = bool(row and row[0])
        ref, intake, bundle = "r.reference", "r.intake_json", "p.bundle_json"
    else:
        row = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'pas_requests'"
        ).fetchone()
        has_table = row is not None
        intake, bundle = "CAST(r.intake_json AS BLOB)", "CAST(p.bundle_json AS BLOB)"
        ref = "CAST(r.reference AS BLOB)"
    if has_table:
        sql = (
            f"SELECT r.id, {ref}, {intake}, {bundle} FROM requests r"
            " LEFT JOIN pas_requests p ON p.request_id = r.id ORDER BY r.id"
        )
    else:
        sql = f"SELECT r.id, {ref}, {intake}, NULL FROM requests r ORDER BY r.id"
    for request_id, reference, text, kept in conn.execute(sql):
        if isinstance(reference, bytes):  # read as bytes on the desk
            reference = reference.decode("utf-8", "replace")
        yield int(request_id), reference, text, kept, has_table
