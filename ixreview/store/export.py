"""CSV export of a history search, audited as 'exported'.

The file holds PHI, so it is created readable by its owner only. The audit
entry names the filters used and the row count, never their values.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import TYPE_CHECKING

from ixreview.store.history import HistoryQuery
from ixreview.store.models import AuditAction

if TYPE_CHECKING:
    from ixreview.store.store import Store

CSV_COLUMNS = [
    "reference",
    "received_at",
    "urgency",
    "decision_due_at",
    "member_id",
    "member_name",
    "birth_date",
    "plan",
    "request_type",
    "state",
    "decision",
    "decided_at",
    "decider",
    "policy_id",
    "policy_version",
    "authorization_number",
    "period_start",
    "period_end",
    "units",
]


def _cell(value: object) -> object:
    """Neutralise spreadsheet formulas: intake text must never run in Excel."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def export_csv(store: Store, query: HistoryQuery, path: Path, *, actor: int | None = None) -> int:
    """Write every matching row to `path`; returns the number of rows written."""
    path = Path(path)
    # Exclusive create, never through a symlink: the caller makes room (or refuses).
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_WRONLY, 0o600)
    count = 0
    try:
        with os.fdopen(fd, "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(CSV_COLUMNS)
            for row in store.history.iter_all(query):
                values = vars(row)
                writer.writerow(
                    [
                        _cell(row.decision_word if c == "decision" else values[c])
                        for c in CSV_COLUMNS
                    ]
                )
                count += 1
        os.chmod(path, 0o600)
        store.audit.append(
            AuditAction.EXPORTED,
            "history",
            None,
            actor=actor,
            details={"format": "csv", "rows": count, "filters": query.used_filters()},
        )
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return count
