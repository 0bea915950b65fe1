"""`Store`: one open database, its repositories and the unit of work.

Every public write is one transaction. `with store.transaction():` groups
several writes (a determination, its letter and their audit entries) so they
commit together or not at all; writes made inside it join it through
savepoints. Transactions start with BEGIN IMMEDIATE so two processes queue on
the write lock instead of failing halfway.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import cast

from sqlite_utils import Database

from ixreview.domain.limits import LAB_MAX_AGE_DAYS
from ixreview.store.audit import AuditLog
from ixreview.store.clock import system_now
from ixreview.store.connection import connect, is_server_url, resolve_db_target
from ixreview.store.decisions import DeterminationRepository
from ixreview.store.errors import StoreError
from ixreview.store.history import History, HistoryQuery
from ixreview.store.intake import RequestRepository
from ixreview.store.models import ChainReport, ImportResult, RequestView
from ixreview.store.pas import PasIntake, PasRepository
from ixreview.store.reviews import ReviewRepository
from ixreview.store.schema import migrate, schema_version
from ixreview.store.settings import Settings
from ixreview.store.users import UserRepository


class Store:
    """The case store. Open it with `open_store`; close it (or use `with`)."""

    def __init__(
        self, conn: sqlite3.Connection, path: Path, clock: Callable[[], datetime] = system_now
    ) -> None:
        self.path = path
        self.conn = conn
        self.db = Database(conn, execute_plugins=False)
        self._clock = clock
        self._depth = 0
        self.audit = AuditLog(self)
        self.settings = Settings(self)
        self.users = UserRepository(self)
        self.requests = RequestRepository(self)
        self.reviews = ReviewRepository(self)
        self.determinations = DeterminationRepository(self)
        self.history = History(self)
        self.pas = PasRepository(self)

    # -- lifecycle ---------------------------------------------------------
    def close(self) -> None:
        try:
            if not self.conn.in_transaction:
                self.conn.execute("PRAGMA optimize")  # keeps the planner's statistics fresh
        except sqlite3.Error:
            pass  # closing must not fail because the database is busy or gone
        self.conn.close()

    def __enter__(self) -> Store:
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
        return schema_version(self.conn)

    def now(self) -> datetime:
        return self._clock()

    # -- unit of work ------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """All writes inside commit together, or none do."""
        if self._depth == 0 and self.conn.in_transaction:
            raise StoreError("a transaction was left open on this connection")
        if self._depth > 0:
            name = f"sp{self._depth}"
            self.conn.execute(f"SAVEPOINT {name}")
            self._depth += 1
            try:
                yield self
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO {name}")
                    self.conn.execute(f"RELEASE {name}")
                raise
            else:
                self.conn.execute(f"RELEASE {name}")
            finally:
                self._depth -= 1
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield self
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")
        finally:
            self._depth = 0

    # -- conveniences the CLI and workflow use -------------------------------
    def import_case(
        self,
        raw_text: str,
        *,
        actor: int | None = None,
        policy: str | None = None,
        pas: PasIntake | None = None,
        lab_max_age_days: int = LAB_MAX_AGE_DAYS,
    ) -> ImportResult:
        return self.requests.import_case(
            raw_text, actor=actor, policy=policy, pas=pas, lab_max_age_days=lab_max_age_days
        )

    def view_request(self, reference: str, *, actor: int | None = None) -> RequestView:
        return self.requests.view(reference, actor=actor)

    def verify_audit_chain(self) -> ChainReport:
        return self.audit.verify()

    def integrity_check(self) -> list[str]:
        return [str(r[0]) for r in self.conn.execute("PRAGMA integrity_check")]

    def export_csv(self, query: HistoryQuery, path: Path, *, actor: int | None = None) -> int:
        from ixreview.store.export import export_csv

        return export_csv(self, query, path, actor=actor)

    def backup(self, target: Path, *, actor: int | None = None) -> Path:
        from ixreview.store.backup import backup

        return backup(self, target, actor=actor)

    def restore(self, source: Path, *, actor: int | None = None) -> Path:
        """Replace this database with `source`; returns where the old one was kept."""
        from ixreview.store.backup import restore

        return restore(self, source, actor=actor)


def open_store(
    path: Path | str | None = None, *, clock: Callable[[], datetime] = system_now
) -> Store:
    """Open (creating and migrating as needed) the database at `path`.

    `path` defaults to $IXREVIEW_DB, then to ixreview.sqlite3 in the platform's
    user data directory. A postgresql:// URL opens the team server instead
    (store/postgres), which has the same surface (store/interface.py).
    """
    target = resolve_db_target(path)
    if is_server_url(target):
        from ixreview.store.postgres import open_pg_store  # psycopg only when used

        # Same surface, duck-typed: the workflow relies only on what
        # interface.StoreInterface lists, which both classes provide.
        return cast(Store, open_pg_store(str(target), clock=clock))
    resolved = Path(target)
    try:
        conn = connect(resolved)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot open the case database {resolved}: {exc}") from None
    store = Store(conn, resolved, clock)
    try:
        migrate(store.db)
    except sqlite3.DatabaseError as exc:
        store.close()
        raise StoreError(f"cannot open the case database {resolved}: {exc}") from None
    except BaseException:
        store.close()
        raise
    return store
