"""`audit verify` and `audit checkpoint` for either record: the desk's keyed chain with
its anchors, checkpoints and records-against-log checks, or the team server's own
chain held to checkpoints kept away from it. On both, every request's stored intake
is held to the SHA-256 its creation entry recorded. Reading the log needs no sign-in
(it holds ids, codes and hashes, never PHI); a checkpoint file is written owner-only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ixreview.domain.limits import MAX_DOCUMENT_BYTES
from ixreview.store.clock import utc_iso

if TYPE_CHECKING:
    from ixreview.store import Store
    from ixreview.workflow.accounts import Session


@dataclass
class AuditVerdict:
    ok: bool
    summary: str  # one line: intact, or NOT intact with the entry count and head
    problems: list[str] = field(default_factory=list)  # each names what changed
    notes: list[str] = field(default_factory=list)  # worth saying, not a failure


def _team_server(store: Store) -> bool:
    return getattr(store, "backend", "sqlite") == "postgresql"


def verify(store: Store, checkpoints: tuple[Path, ...]) -> AuditVerdict:
    """Every check `audit verify` makes; see the module docstring."""
    if _team_server(store):
        return _verify_team(store, checkpoints)
    from ixreview.store.audit_check import verify_all
    from ixreview.workflow import revocation, trust

    report = verify_all(store.conn, checkpoints)
    report.problems.extend(revocation.unrevoked(store))
    verdict = AuditVerdict(True, "", notes=list(report.notes))
    setting = trust.setting_problem(store)
    if setting:
        report.problems.append(setting)
    trust_problem = trust.file_problem(store)  # the file beside the configuration
    if trust_problem and trust_problem.serious:
        report.problems.append(trust_problem.message)
    elif trust_problem:
        verdict.notes.append(trust_problem.message)
    head = f"head {report.head_seq} {report.head_hash or '-'}"
    anchors = f"{report.letters_checked} letter anchor(s) and {len(checkpoints)} checkpoint(s)"
    verdict.ok = report.ok
    verdict.problems = list(report.problems)
    if report.ok:
        keyed = "keyed (HMAC)" if report.keyed else "not yet keyed"
        verdict.summary = (
            f"audit log intact: {report.entries} entries, {keyed}; {head}; {anchors} agree; "
            f"{_intakes(report.intakes_checked)}"
        )
    else:
        verdict.summary = f"audit log NOT intact ({report.entries} entries; {head}):"
    return verdict


def _verify_team(store: Store, checkpoints: tuple[Path, ...]) -> AuditVerdict:
    # The team server appends and checks its own chain (docs/team-server.md);
    # checkpoints kept away from it show a rewritten or cut log.
    from ixreview.store.intake_check import check_intakes

    chain = store.verify_audit_chain()
    if not chain.ok:
        return AuditVerdict(False, f"audit log NOT intact at entry {chain.bad_seq}: {chain.reason}")
    problems = [
        f"{path.name}: {why}"
        for path in checkpoints
        if (why := _team_checkpoint_problem(store, path)) is not None
    ]
    intakes = check_intakes(store.conn, server=True)
    problems += intakes.problems
    notes = [intakes.note] if intakes.note else []
    if problems:
        return AuditVerdict(
            False, f"audit log NOT intact ({chain.entries} entries):", problems, notes
        )
    return AuditVerdict(
        True,
        f"audit log intact: {chain.entries} entries, kept by the team server; "
        f"head {chain.head_hash or '-'}; {len(checkpoints)} checkpoint(s) agree; "
        f"{_intakes(intakes.checked)}",
        notes=notes,
    )


def _intakes(checked: int) -> str:
    return f"{checked} request intake(s) as received"


def _team_checkpoint_problem(store: Store, path: Path) -> str | None:
    """Why the team server's chain no longer holds the checkpoint in PATH, or None."""
    try:
        with path.open("rb") as handle:
            doc = json.loads(handle.read(MAX_DOCUMENT_BYTES))
    except (OSError, ValueError) as exc:
        return f"cannot be read as a checkpoint ({getattr(exc, 'strerror', None) or exc})"
    if not isinstance(doc, dict):
        return "is not a checkpoint"
    team_audit: Any = store.audit  # PgAuditLog: the server's own chain
    why: str | None = team_audit.check_checkpoint(doc)
    return why


def rebuild_metrics(store: Store, session: Session) -> dict[str, int]:
    """Recompute the desk's metrics totals from the rows (administrators; audited).
    Returns what differed before, table -> rows; the team server keeps no totals."""
    from ixreview.workflow.records import administrator

    admin = administrator(store, session, "recompute the metrics totals")
    if _team_server(store):
        return {}
    from ixreview.store.metrics_rollup import differences, rebuild

    with store.transaction():
        before = differences(store.conn)
        rebuild(store.conn)
        store.audit.append(
            "changed", "metrics", None, actor=admin.id, details={"rebuilt": sorted(before)}
        )
    return before


def checkpoint(store: Store, out: Path) -> dict[str, Any]:
    """Write the audit log's head to `out` (owner-only, never through a link), so
    cutting or rewriting its newest entries shows later; returns what was written.
    Raises OSError when the file cannot be written."""
    from ixreview.store.audit_check import checkpoint as desk_checkpoint
    from ixreview.store.audit_keys import write_private

    at = utc_iso(store.now())
    if _team_server(store):
        team_audit: Any = store.audit
        doc: dict[str, Any] = team_audit.checkpoint(at)
    else:
        doc = desk_checkpoint(store.conn, store.audit.key(), at)
    write_private(out, (json.dumps(doc, indent=2) + "\n").encode("utf-8"))
    return doc
