"""`PostgresStore`: the case store on a team server, with the desk store's surface.

The repositories for requests, reviews, determinations, letters, settings and
PAS Bundles are the desk's own classes running their SQL through `PgConnection` (so the
rules cannot drift between backends); accounts, the audit log and history
search have server versions. Every write transaction first takes the server's
write lock (pg_advisory_xact_lock, the same one the audit chain takes), which
gives the desk's check-then-write steps the serial order SQLite's BEGIN
IMMEDIATE gives them; reads never wait for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, cast

import psycopg

from ixreview.store.clock import system_now
from ixreview.store.decisions import DeterminationRepository
from ixreview.store.errors import InvalidRecordError, StoreError
from ixreview.store.history import HistoryQuery
from ixreview.store.intake import RequestRepository
from ixreview.store.models import ChainReport, ImportResult, RequestView
from ixreview.store.pas import PasRepository
from ixreview.store.postgres.audit import PgAuditLog
from ixreview.store.postgres.claims import Claims
from ixreview.store.postgres.connection import PgConn, PgConnection, connect, redact
from ixreview.store.postgres.history import PgHistory
from ixreview.store.postgres.schema import WRITE_LOCK, migrate, schema_version
from ixreview.store.postgres.users import PgUserRepository
from ixreview.store.reviews import ReviewRepository
from ixreview.store.settings import Settings

if TYPE_CHECKING:
    from ixreview.store.store import Store

BACKEND = "postgresql"


class PostgresStore:
    """The case store on PostgreSQL. Open it with `open_pg_store`; close it (or `with`)."""

    backend = BACKEND

    def __init__(self, raw: PgConn, url: str, clock: Callable[[], datetime] = system_now) -> None:
        self.url = url
        self.path: Path | None = None  # no file: backups are pg_dump's job
        self.raw = raw
        self.conn = PgConnection(raw)
        self._clock = clock
        self._depth = 0
        # The desk's repositories take a Store; they use only conn, now(),
        # transaction() and the other repositories, which this class provides.
        desk = cast("Store", self)
        self.audit = PgAuditLog(self)
        self.settings = Settings(desk)
        self.users = PgUserRepository(desk)
        self.requests = RequestRepository(desk)
        self.reviews = ReviewRepository(desk)
        self.determinations = DeterminationRepository(desk)
        self.pas = PasRepository(desk)  # its metrics are kept by the server's triggers
        self.history = PgHistory(self)
        self.claims = Claims(self)

    # -- lifecycle ---------------------------------------------------------
    def close(self) -> None:
        self.raw.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return schema_version(self.raw)

    def now(self) -> datetime:
        return self._clock()

    # -- unit of work ------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[PostgresStore]:
        """All writes inside commit together, or none do (savepoints when nested)."""
        if self._depth == 0 and self.conn.in_transaction:
            raise StoreError("a transaction was left open on this connection")
        outer = self._depth == 0
        try:
            with self.raw.transaction():
                if outer:
                    self.raw.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
                self._depth += 1
                try:
                    yield self
                finally:
                    self._depth -= 1
        except psycopg.Error as exc:
            if not outer:
                raise
            raise server_error(exc) from None

    # -- conveniences the CLI and workflow use -------------------------------
    def import_case(
        self,
        raw_text: str,
        *,
        actor: int | None = None,
        policy: str | None = None,
        **extra: Any,  # what the desk's import takes besides (PAS bundle details)
    ) -> ImportResult:
        return self.requests.import_case(raw_text, actor=actor, policy=policy, **extra)

    def view_request(self, reference: str, *, actor: int | None = None) -> RequestView:
        return self.requests.view(reference, actor=actor)

    def verify_audit_chain(self) -> ChainReport:
        return self.audit.verify()

    def integrity_check(self) -> list[str]:
        report = self.audit.verify()
        return ["ok"] if report.ok else [f"audit chain: {report.reason}"]

    def export_csv(self, query: HistoryQuery, path: Path, *, actor: int | None = None) -> int:
        from ixreview.store.export import export_csv

        return export_csv(cast("Store", self), query, path, actor=actor)

    def backup(self, target: Path, *, actor: int | None = None) -> Path:
        raise StoreError(
            "the team server is backed up by its administrator with pg_dump "
            "(see docs/team-server.md), not from a desk"
        )

    def restore(self, source: Path, *, actor: int | None = None) -> Path:
        raise StoreError(
            "the team server is restored by its administrator with pg_restore "
            "(see docs/team-server.md), not from a desk"
        )


def server_error(exc: psycopg.Error) -> Exception:
    """A server error as the store error a reviewer can act on (never PHI: the
    server's messages name constraints and columns, not values)."""
    if isinstance(exc, psycopg.errors.UniqueViolation):
        constraint = exc.diag.constraint_name or ""
        if constraint.startswith("determinations_"):
            return InvalidRecordError(
                "another desk recorded a decision for this request at the same moment; "
                "reload the request to see it"
            )
        return InvalidRecordError(f"already on record ({constraint})")
    if isinstance(exc, psycopg.errors.InvalidParameterValue):
        return ValueError(exc.diag.message_primary or str(exc))
    if isinstance(exc, psycopg.errors.InsufficientPrivilege):
        return StoreError(f"the team server refused this: {exc.diag.message_primary}")
    if isinstance(exc, psycopg.OperationalError):
        return StoreError("the team server cannot be reached; check the network and try again")
    if isinstance(exc, psycopg.errors.IntegrityConstraintViolation):
        return InvalidRecordError(exc.diag.message_primary or "refused by the team server")
    return StoreError(f"the team server refused this: {exc.diag.message_primary or exc}")


def open_pg_store(
    url: str, *, clock: Callable[[], datetime] = system_now, migrate_schema: bool = True
) -> PostgresStore:
    """Connect to the team server at `url`, bringing its schema up to date when this
    connection may (the owner's); a desk's role finds it current or is told why not."""
    try:
        raw = connect(url)
    except psycopg.Error as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise StoreError(f"cannot connect to the team server {redact(url)}: {reason}") from None
    try:
        _ensure_schema(raw, migrate_schema)
    except BaseException:
        raw.close()
        raise
    return PostgresStore(raw, url, clock)


def _ensure_schema(raw: PgConn, may_migrate: bool) -> None:
    from ixreview.store.postgres.schema import SCHEMA_VERSION, check_not_newer

    version = schema_version(raw)
    check_not_newer(version)
    if version == SCHEMA_VERSION:
        return
    if may_migrate:
        try:
            migrate(raw)
            return
        except psycopg.errors.InsufficientPrivilege:
            pass
    raise StoreError(
        f"the team server's database is at schema {version}, this program needs "
        f"{SCHEMA_VERSION}: an administrator runs `ixreview server init URL` first"
    )
