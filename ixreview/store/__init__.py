"""The case store: the local SQLite record of requests, reviews, determinations,
letters, users and settings, with a hash-chained audit log and history search.

Imports the domain layer only (never letters, workflow or Qt). Start with
`open_store()`; see docs/architecture.md for the design.
"""

from __future__ import annotations

from ixreview.store.errors import (
    ConflictError,
    DuplicateReferenceError,
    IntegrityError,
    InvalidRecordError,
    NotFoundError,
    PolicyNotAssignable,
    SchemaTooNewError,
    StoreError,
)
from ixreview.store.folding import fold
from ixreview.store.history import HistoryPage, HistoryQuery, HistoryRow
from ixreview.store.models import (
    OPEN_STATES,
    Answer,
    AnswerOrigin,
    AuditAction,
    AuditEntry,
    ChainReport,
    ClockSettings,
    DecisionCode,
    Determination,
    ImportResult,
    Letter,
    NewDetermination,
    RequestRecord,
    RequestView,
    Review,
    ReviewState,
    Role,
    User,
)
from ixreview.store.schema import SCHEMA_VERSION
from ixreview.store.store import Store, open_store

__all__ = [
    "OPEN_STATES",
    "SCHEMA_VERSION",
    "Answer",
    "AnswerOrigin",
    "AuditAction",
    "AuditEntry",
    "ChainReport",
    "ClockSettings",
    "ConflictError",
    "DecisionCode",
    "Determination",
    "DuplicateReferenceError",
    "HistoryPage",
    "HistoryQuery",
    "HistoryRow",
    "ImportResult",
    "IntegrityError",
    "InvalidRecordError",
    "Letter",
    "NewDetermination",
    "NotFoundError",
    "PolicyNotAssignable",
    "RequestRecord",
    "RequestView",
    "Review",
    "ReviewState",
    "Role",
    "SchemaTooNewError",
    "Store",
    "StoreError",
    "User",
    "fold",
    "open_store",
]
