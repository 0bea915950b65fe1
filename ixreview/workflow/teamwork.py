"""Working side by side on a team server: claims, the next case, following other
desks' changes, preparing a server and moving a desk's record to it.

Claims and the queue watcher exist on the team server only; on a desk's SQLite
file there is nobody else to meet, so `claim` returns None and `watch_queue`
returns None (the desk refreshes its own queue after its own actions).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ixreview.store import Store, StoreError
from ixreview.workflow.accounts import Session
from ixreview.workflow.errors import Conflict, InvalidInput, WorkflowError
from ixreview.workflow.records import administrator, reader

if TYPE_CHECKING:
    from ixreview.store.postgres.claims import Claim
    from ixreview.store.postgres.store import PostgresStore
    from ixreview.store.postgres.transfer import TransferReport

CHANNEL = "ixreview_queue"


def _server(store: Store) -> PostgresStore | None:
    from_server = getattr(store, "backend", None) == "postgresql"
    return store if from_server else None  # type: ignore[return-value]


# -- claims ---------------------------------------------------------------------------
def claim(store: Store, session: Session, reference: str) -> Claim | None:
    """Open a request for review: claim it (or renew the lease). Conflict names the
    holder ("in review by Nina Patel, RN since 10:42"): open read-only or take over."""
    from ixreview.store import ConflictError

    server = _server(store)
    if server is None:
        return None
    user = reader(store, session)
    request = store.requests.by_reference(reference)
    try:
        return server.claims.claim(request.id, user.id)
    except ConflictError as exc:
        raise Conflict(str(exc)) from None


def holder(store: Store, reference: str) -> Claim | None:
    server = _server(store)
    if server is None:
        return None
    return server.claims.holder(store.requests.by_reference(reference).id)


def take_over(store: Store, session: Session, reference: str, reason: str) -> Claim | None:
    """Take a claimed request over, with a reason (audited as taken_over)."""
    if not reason.strip():
        raise InvalidInput("reason", "say why you take over this review")
    server = _server(store)
    if server is None:
        return None
    user = reader(store, session)
    return server.claims.take_over(store.requests.by_reference(reference).id, user.id, reason)


def release(store: Store, session: Session, reference: str) -> None:
    server = _server(store)
    if server is not None:
        server.claims.release(store.requests.by_reference(reference).id, session.user_id)


def hand_on(store: Store, request_id: int, user_id: int) -> None:
    """The review left this reviewer's hands (referred, pended, decided, cancelled): her
    claim ends with the change, in its transaction, so the next reviewer (the physician
    a nurse referred to) opens it for work, not read-only under her name."""
    server = _server(store)
    if server is not None:
        server.claims.release(request_id, user_id)


def next_case(store: Store, session: Session) -> str | None:
    """Claim the most urgent open request nobody holds; its reference, or None."""
    server = _server(store)
    if server is None:
        return None
    user = reader(store, session)
    request_id = server.claims.next_case(user.id)
    return None if request_id is None else store.requests.get(request_id).reference


# -- following other desks --------------------------------------------------------------
@dataclass(frozen=True)
class QueueChange:
    table: str
    request_id: int


class QueueWatcher:
    """LISTEN on its own connection in a worker thread; `on_change` runs in that thread
    (the GUI hands it to the UI thread with a queued signal). Blocks in the server's
    notification wait, never polls the tables. `stop()` ends it within `wake` seconds."""

    def __init__(
        self, url: str, on_change: Callable[[QueueChange], None], *, wake: float = 0.5
    ) -> None:
        from ixreview.store.postgres.connection import connect

        self._conn = connect(url, application_name="ixreview queue watcher")
        self._conn.execute(f"LISTEN {CHANNEL}")
        self._on_change = on_change
        self._wake = wake
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="ixreview-queue", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            while not self._stopping.is_set():
                for note in self._conn.notifies(timeout=self._wake):
                    data: dict[str, Any] = json.loads(note.payload)
                    self._on_change(QueueChange(str(data["table"]), int(data["request_id"])))
        except Exception:
            if not self._stopping.is_set():
                raise
        finally:
            self._conn.close()

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=self._wake * 4 + 1)


def watch_queue(store: Store, on_change: Callable[[QueueChange], None]) -> QueueWatcher | None:
    server = _server(store)
    return None if server is None else QueueWatcher(server.url, on_change)


# -- the server itself ------------------------------------------------------------------
def init_server(url: str) -> tuple[int, int]:
    """Schema, roles and grants (`ixreview server init`): (schema before, after)."""
    import psycopg

    from ixreview.store.postgres.admin import init_server as run_init
    from ixreview.store.postgres.connection import redact

    try:
        return run_init(url)
    except StoreError as exc:
        raise WorkflowError(str(exc)) from None
    except psycopg.Error as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise WorkflowError(f"cannot prepare the team server {redact(url)}: {first}") from None


def server_init_sql() -> str:
    from ixreview.store.postgres.admin import init_sql

    return init_sql()


def transfer_desk(desk: Store, session: Session, url: str) -> TransferReport:
    """Copy the desk's record to the team server (a desk administrator's action)."""
    from ixreview.store.postgres import open_pg_store
    from ixreview.store.postgres.transfer import transfer

    administrator(desk, session, "transfer the database to a team server")
    try:
        server = open_pg_store(url, migrate_schema=False)
    except StoreError as exc:
        raise WorkflowError(str(exc)) from None
    try:
        return transfer(desk, server)
    except StoreError as exc:
        raise WorkflowError(str(exc)) from None
    finally:
        server.close()
