"""What the command line and the desktop app may hold of the record, and nothing more.

They open the record here and name its value types and errors from here; everything
they do with it goes through the workflow's functions (`records`, `operations`,
`accounts`, `plan_settings`, `letter_records`, `audit_checks`, ...). An import-linter
contract (pyproject.toml) keeps `ixreview.cli` and `ixreview.ui` from importing
`ixreview.store`.
"""

from __future__ import annotations

from ixreview.store import (
    AuditAction,
    DecisionCode,
    DuplicateReferenceError,
    HistoryQuery,
    HistoryRow,
    Letter,
    NotFoundError,
    PolicyNotAssignable,
    RequestView,
    Store,
    StoreError,
    User,
    open_store,
)
from ixreview.store.clock import system_now, utc_iso
from ixreview.store.connection import is_server_url, resolve_db_target

__all__ = [
    "AuditAction",
    "DecisionCode",
    "DuplicateReferenceError",
    "HistoryQuery",
    "HistoryRow",
    "Letter",
    "NotFoundError",
    "PolicyNotAssignable",
    "RequestView",
    "Store",
    "StoreError",
    "User",
    "is_server_url",
    "open_store",
    "resolve_db_target",
    "system_now",
    "utc_iso",
]
