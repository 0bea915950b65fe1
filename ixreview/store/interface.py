"""The store interface the workflow relies on, with one implementation per backend:
`store.Store` (SQLite, one desk) and `postgres.PostgresStore` (the team server).

A `typing.Protocol`, so neither class inherits from it; tests/postgres checks
both against it with mypy-visible assignments. The repositories' own methods
are the desk classes' (the server store runs the same repository classes or
subclasses of them), so their signatures are listed by type, not repeated.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from ixreview.store.decisions import DeterminationRepository
from ixreview.store.history import History, HistoryQuery
from ixreview.store.intake import RequestRepository
from ixreview.store.models import AuditEntry, ChainReport, ImportResult, RequestView
from ixreview.store.pas import PasRepository
from ixreview.store.reviews import ReviewRepository
from ixreview.store.settings import Settings
from ixreview.store.users import UserRepository


class AuditInterface(Protocol):
    def append(
        self,
        action: str,
        object_type: str,
        object_id: int | str | None,
        *,
        actor: int | None,
        details: Mapping[str, Any] | None = None,
    ) -> AuditEntry: ...

    def entries(
        self, *, object_type: str | None = None, object_id: int | str | None = None
    ) -> list[AuditEntry]: ...

    def verify(self) -> ChainReport: ...


class StoreInterface(Protocol):
    """What the workflow layer uses of an open case store."""

    @property
    def audit(self) -> AuditInterface: ...

    @property
    def settings(self) -> Settings: ...

    @property
    def users(self) -> UserRepository: ...

    @property
    def requests(self) -> RequestRepository: ...

    @property
    def reviews(self) -> ReviewRepository: ...

    @property
    def determinations(self) -> DeterminationRepository: ...

    @property
    def history(self) -> History: ...

    @property
    def pas(self) -> PasRepository: ...

    def close(self) -> None: ...

    def now(self) -> datetime: ...

    @property
    def schema_version(self) -> int: ...

    def transaction(self) -> AbstractContextManager[Any]: ...

    def import_case(
        self,
        raw_text: str,
        *,
        actor: int | None = None,
        policy: str | None = None,
        lab_max_age_days: int = ...,
    ) -> ImportResult: ...

    def view_request(self, reference: str, *, actor: int | None = None) -> RequestView: ...

    def verify_audit_chain(self) -> ChainReport: ...

    def integrity_check(self) -> list[str]: ...

    def export_csv(self, query: HistoryQuery, path: Path, *, actor: int | None = None) -> int: ...

    def backup(self, target: Path, *, actor: int | None = None) -> Path: ...

    def restore(self, source: Path, *, actor: int | None = None) -> Path: ...
