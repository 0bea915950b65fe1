"""`ixreview audit verify` in full: the chain, its anchors outside the log, and the records.

The chain alone (`audit.verify_chain`) cannot show that its newest entries were
cut off, nor that all of it was deleted. Three things can:

- anchors: every signed letter carries the audit head (seq and hash) at signing
  in its signed bytes (`audit-head=SEQ:HASH` in the PDF keywords); a log that no
  longer reaches that entry, or holds another hash there, was cut or rewritten;
- checkpoints: `ixreview audit checkpoint --out FILE` writes the head to a file
  kept elsewhere, with an HMAC under the audit key; `--checkpoint FILE` checks it;
- records: every user, determination and letter has its audit entry (created,
  decided, signed or renewed) saying what it is, and every such entry its record;
  a user's role is the one the log last recorded for them; every request's stored
  intake has the SHA-256 its creation entry recorded (store/intake_check.py).

Each problem is one sentence naming what was changed.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ixreview.store.audit import verify_chain
from ixreview.store.audit_keys import AuditKey, AuditKeyMissing, load_key
from ixreview.store.intake_check import check_intakes

CHECKPOINT_FORMAT = "ixreview-audit-checkpoint/1"
ANCHOR = re.compile(rb"audit-head=(\d{1,12}):([0-9a-f]{64})")
_DECISION_WORDS = {
    "A1": "approval",
    "A3": "denial",
    "A4": "pend",
    "C": "cancellation",
    "A6": "cancellation",  # as logged before schema 4 corrected the stored code to C
}


@dataclass
class AuditReport:
    entries: int = 0
    head_seq: int = 0
    head_hash: str | None = None
    keyed: bool = False
    letters_checked: int = 0
    intakes_checked: int = 0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # worth saying, not a failure

    @property
    def ok(self) -> bool:
        return not self.problems


def _checkpoint_mac(key: bytes, body: dict[str, Any]) -> str:
    message = json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return hmac.new(key, b"checkpoint\n" + message, hashlib.sha256).hexdigest()


def checkpoint(conn: sqlite3.Connection, key: AuditKey, at: str) -> dict[str, Any]:
    """The head of the log as a checkpoint document (HMAC under the audit key)."""
    row = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    body: dict[str, Any] = {
        "format": CHECKPOINT_FORMAT,
        "store_id": key.store_id,
        "seq": 0 if row is None else int(row[0]),
        "hash": None if row is None else str(row[1]),
        "at": at,
    }
    return body | {"mac": _checkpoint_mac(key.key, body)}


def read_checkpoint(path: Path, key: AuditKey | None) -> tuple[dict[str, Any] | None, str | None]:
    """(checkpoint, None) or (None, why it cannot be used)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return None, f"checkpoint {path}: cannot be read ({exc})"
    if not isinstance(data, dict) or data.get("format") != CHECKPOINT_FORMAT:
        return None, f"checkpoint {path}: not an ixreview audit checkpoint"
    if key is None:
        return None, f"checkpoint {path}: this database has no audit key to check it with"
    body = {k: v for k, v in data.items() if k != "mac"}
    if data.get("store_id") != key.store_id:
        return None, f"checkpoint {path} belongs to another database ({data.get('store_id')})"
    if not hmac.compare_digest(str(data.get("mac", "")), _checkpoint_mac(key.key, body)):
        return None, f"checkpoint {path} was altered (its HMAC does not match)"
    return data, None


def verify_all(conn: sqlite3.Connection, checkpoints: Iterable[Path] = ()) -> AuditReport:
    """The chain, every letter's anchor, the checkpoints given, and records vs log."""
    report = AuditReport()
    chain = verify_chain(conn)
    report.entries = chain.entries
    if not chain.ok:
        if chain.bad_seq:
            report.problems.append(f"audit chain broken at entry {chain.bad_seq}: {chain.reason}")
        else:
            report.problems.append(f"audit chain cannot be checked: {chain.reason}")
    try:
        key = load_key(conn)
    except AuditKeyMissing:
        key = None  # already reported by verify_chain
    report.keyed = key is not None
    hashes = dict(conn.execute("SELECT seq, hash FROM audit_log").fetchall())
    report.head_seq = max(hashes, default=0)
    report.head_hash = hashes.get(report.head_seq)
    _check_anchors(conn, hashes, report)
    for path in checkpoints:
        _check_checkpoint(path, key, hashes, report)
    entries = _entries(conn)
    _check_users(conn, entries, report)
    _check_determinations(conn, entries, report)
    _check_letters(conn, entries, report)
    intakes = check_intakes(conn)
    report.intakes_checked = intakes.checked
    report.problems.extend(intakes.problems)
    if intakes.note:
        report.notes.append(intakes.note)
    report.problems.extend(_rollup_problems(conn))
    return report


def _rollup_problems(conn: sqlite3.Connection) -> list[str]:
    """The metrics totals (schema 6) against the rows they count: derived data, not a
    record, but the plan's public report is computed from them."""
    from ixreview.store.metrics_rollup import WORDS, differences

    return [
        f"the metrics totals of {WORDS[table]} ({table}) differ from the decisions on record "
        f"in {rows} row(s): the reports would be wrong; an administrator recomputes them "
        "with `ixreview audit rebuild-metrics`"
        for table, rows in differences(conn).items()
    ]


def _cut(hashes: dict[int, str], seq: int, source: str) -> str | None:
    newest = max(hashes, default=0)
    if seq == 0:
        return None
    if seq not in hashes:
        return (
            f"{source} records audit entry {seq}, but the log ends at entry {newest}: "
            f"the newest {seq - newest} or more entries were removed"
            if seq > newest
            else f"{source} records audit entry {seq}, which is missing from the log"
        )
    return None


def _check_anchors(conn: sqlite3.Connection, hashes: dict[int, str], report: AuditReport) -> None:
    for letter_id, pdf in conn.execute("SELECT id, CAST(pdf AS BLOB) FROM letters ORDER BY id"):
        anchor = letter_anchor(bytes(pdf))
        if anchor is None:
            continue  # letters signed before anchoring carry none
        report.letters_checked += 1
        seq, digest = anchor
        source = f"letter {letter_id} (signed anchor)"
        cut = _cut(hashes, seq, source)
        if cut:
            report.problems.append(cut)
        elif seq and hashes[seq] != digest:
            report.problems.append(
                f"{source} records entry {seq} with hash {digest[:12]}…, the log holds "
                f"{hashes[seq][:12]}…: the log was rewritten from entry {seq} or before"
            )


def letter_anchor(pdf: bytes) -> tuple[int, str] | None:
    """(seq, hash) of the audit head a letter carries; the last one written wins."""
    found = ANCHOR.findall(pdf)
    if not found:
        return None
    seq, digest = found[-1]
    return int(seq), digest.decode("ascii")


def _check_checkpoint(
    path: Path, key: AuditKey | None, hashes: dict[int, str], report: AuditReport
) -> None:
    data, why = read_checkpoint(path, key)
    if data is None:
        report.problems.append(str(why))
        return
    seq = int(data["seq"])
    source = f"checkpoint {path.name} of {data.get('at')}"
    cut = _cut(hashes, seq, source)
    if cut:
        report.problems.append(cut)
    elif seq and hashes[seq] != data["hash"]:
        report.problems.append(
            f"{source} records entry {seq} with another hash than the log holds: "
            f"the log was rewritten from entry {seq} or before"
        )


_Entries = dict[tuple[str, str], list[dict[str, Any]]]


def _entries(conn: sqlite3.Connection) -> _Entries:
    out: _Entries = defaultdict(list)
    rows = conn.execute(
        "SELECT seq, action, object_type, object_id, details_json, actor_id FROM audit_log"
        " WHERE object_type IN ('user', 'determination', 'letter') ORDER BY seq"
    )
    for seq, action, object_type, object_id, details, actor in rows:
        try:
            parsed = json.loads(details)
        except ValueError:
            parsed = {}
        out[(object_type, str(object_id))].append(
            {"seq": seq, "action": action, "details": parsed, "actor": actor}
        )
    return out


def _check_users(conn: sqlite3.Connection, entries: _Entries, report: AuditReport) -> None:
    known = set()
    rows = conn.execute("SELECT id, role, active, certificate_pem FROM users ORDER BY id")
    for user_id, role, active, certificate_pem in rows:
        known.add(str(user_id))
        log = entries.get(("user", str(user_id)), [])
        created = [e for e in log if e["action"] == "created"]
        if not created:
            report.problems.append(
                f"user {user_id} ({role}) is on record but the audit log has no entry creating it"
            )
            continue
        recorded = created[0]["details"].get("role")
        for e in log:
            if e["action"] == "changed" and "role" in e["details"].get("fields", []):
                recorded = e["details"].get("role", "unknown")
        if recorded not in (None, "unknown") and recorded != role:
            report.problems.append(
                f"user {user_id}: the role on record is {role} but the audit log last "
                f"recorded {recorded}: the role was changed outside ixreview"
            )
        _check_account(user_id, bool(active), certificate_pem, log, report)
    _orphans(entries, "user", known, ("created",), "user", report)


def _check_account(
    user_id: int,
    active: bool,
    certificate_pem: str | None,
    log: list[dict[str, Any]],
    report: AuditReport,
) -> None:
    """The account's active flag and certificate against what the log last recorded."""
    logged_active = True
    for e in log:
        if e["action"] == "deactivated":
            logged_active = False
        elif e["action"] == "changed" and e["details"].get("fields") == ["active"]:
            logged_active = True
    if active != logged_active:
        said = "active" if active else "deactivated"
        last = "deactivated" if not logged_active else "active"
        report.problems.append(
            f"user {user_id}: the record says {said} but the audit log last recorded the "
            f"account {last}: it was {'reactivated' if active else 'deactivated'} outside "
            "ixreview"
        )
    enrolled = [
        e["details"]["certificate_sha256"]
        for e in log
        if e["action"] == "enrolled" and e["details"].get("certificate_sha256")
    ]
    if enrolled and certificate_pem and _pem_sha256(certificate_pem) != enrolled[-1]:
        report.problems.append(
            f"user {user_id}: its certificate on record is not the one enrolled (the audit "
            f"log recorded {enrolled[-1][:12]}…): the signing credential was replaced outside "
            "ixreview"
        )


def _pem_sha256(pem: str) -> str | None:
    """SHA-256 of a PEM certificate's DER bytes (its fingerprint); None if unreadable."""
    body = "".join(line for line in pem.strip().splitlines() if not line.startswith("-----"))
    try:
        return hashlib.sha256(base64.b64decode(body, validate=False)).hexdigest()
    except ValueError:
        return None


def _check_determinations(conn: sqlite3.Connection, entries: _Entries, report: AuditReport) -> None:
    known = set()
    rows = conn.execute(
        "SELECT id, decision, decider_id, request_id FROM determinations ORDER BY id"
    )
    for det_id, decision, decider_id, request_id in rows:
        known.add(str(det_id))
        decided = [
            e for e in entries.get(("determination", str(det_id)), []) if e["action"] == "decided"
        ]
        word = _DECISION_WORDS.get(decision, decision)
        if not decided:
            report.problems.append(
                f"determination {det_id} ({decision}, {word}) is on record but the audit log "
                "has no entry deciding it"
            )
            continue
        logged = decided[0]["details"].get("decision")
        # Schema 4 rewrote stored cancellations A6 -> C (X12 306); the log keeps A6.
        if logged is not None and logged != decision and (logged, decision) != ("A6", "C"):
            report.problems.append(
                f"determination {det_id}: the record says {decision} ({word}) but the audit "
                f"log recorded {logged} ({_DECISION_WORDS.get(logged, logged)}): the "
                "decision was changed outside ixreview"
            )
        first = decided[0]
        if first["actor"] is not None and first["actor"] != decider_id:
            report.problems.append(
                f"determination {det_id}: the record names user {decider_id} as its decider "
                f"but the audit log recorded user {first['actor']} deciding it: the decider "
                "was changed outside ixreview"
            )
        logged_request = first["details"].get("request_id")
        if logged_request is not None and logged_request != request_id:
            report.problems.append(
                f"determination {det_id}: the record puts it under request {request_id} but "
                f"the audit log recorded it for request {logged_request}: it was moved "
                "outside ixreview"
            )
    _orphans(entries, "determination", known, ("decided",), "determination", report)
    decided_without = conn.execute(
        "SELECT r.request_id FROM reviews r WHERE r.state = 'decided' AND NOT EXISTS"
        " (SELECT 1 FROM determinations d WHERE d.request_id = r.request_id) ORDER BY 1"
    )
    for (request_id,) in decided_without:
        report.problems.append(
            f"request {request_id}: its review is decided but no determination is on record: "
            "the determination (and the newest audit entries with it) was deleted"
        )


def _check_letters(conn: sqlite3.Connection, entries: _Entries, report: AuditReport) -> None:
    known = set()
    rows = conn.execute(
        "SELECT id, sha256, CAST(pdf AS BLOB), determination_id, kind, signer_id"
        " FROM letters ORDER BY id"  # CAST: a PDF stored as text by hand is still read
    )
    for letter_id, digest, pdf, det_id, kind, signer_id in rows:
        known.add(str(letter_id))
        if hashlib.sha256(bytes(pdf)).hexdigest() != digest:
            report.problems.append(
                f"letter {letter_id}: its stored PDF's SHA-256 differs from the one on its "
                "record: the PDF was replaced outside ixreview"
            )
        logged = [
            e
            for e in entries.get(("letter", str(letter_id)), [])
            if e["action"] in ("signed", "renewed")
        ]
        if not logged:
            report.problems.append(
                f"letter {letter_id} is on record but the audit log has no entry signing it"
            )
            continue
        if logged[0]["details"].get("sha256") not in (None, digest):
            report.problems.append(
                f"letter {letter_id}: its SHA-256 on record differs from the one the audit "
                "log recorded when it was signed: the letter was replaced"
            )
        _check_letter_record(letter_id, det_id, kind, signer_id, logged[0], report)
    _orphans(entries, "letter", known, ("signed", "renewed"), "letter", report)


def _check_letter_record(
    letter_id: int,
    det_id: int,
    kind: str,
    signer_id: int,
    entry: dict[str, Any],
    report: AuditReport,
) -> None:
    """Its determination, kind and signer against the entry that signed it."""
    details = entry["details"]
    logged_det = details.get("determination_id")
    if logged_det is not None and logged_det != det_id:
        report.problems.append(
            f"letter {letter_id}: the record puts it under determination {det_id} but the "
            f"audit log signed it for determination {logged_det}: it was moved outside ixreview"
        )
    if details.get("kind") not in (None, kind):
        report.problems.append(
            f"letter {letter_id}: the record says it is {_a(kind)} letter but the audit log "
            f"signed {_a(details['kind'])} letter: its kind was changed outside ixreview"
        )
    # Renewals are audited in the operating-system account's name (no actor).
    if entry["action"] == "signed" and entry["actor"] not in (None, signer_id):
        report.problems.append(
            f"letter {letter_id}: the record names user {signer_id} as its signer but the "
            f"audit log recorded user {entry['actor']} signing it: the signer was changed "
            "outside ixreview"
        )


def _a(word: str) -> str:
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"


def _orphans(
    entries: _Entries,
    object_type: str,
    known: set[str],
    actions: tuple[str, ...],
    noun: str,
    report: AuditReport,
) -> None:
    for (kind, object_id), log in sorted(entries.items()):
        if kind != object_type or object_id in known:
            continue
        for e in log:
            if e["action"] in actions:
                extra = ""
                if noun == "determination" and e["details"].get("decision"):
                    code = e["details"]["decision"]
                    extra = f" ({code}, {_DECISION_WORDS.get(code, code)})"
                report.problems.append(
                    f"the audit log {e['action']} {noun} {object_id}{extra} (entry "
                    f"{e['seq']}) but no such {noun} is on record: it was deleted"
                )
                break
