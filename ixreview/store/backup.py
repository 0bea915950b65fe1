"""Backup and restore with SQLite's online backup API.

`backup` copies a consistent snapshot while other windows keep working.
`restore` proves the source sound first (integrity check, schema version, an
ixreview database, an intact audit chain), keeps a copy of the current database
beside it, and only then copies the source over the live database.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from ixreview.store.audit import verify_chain
from ixreview.store.clock import utc_iso
from ixreview.store.connection import restrict_permissions
from ixreview.store.errors import IntegrityError, StoreError
from ixreview.store.models import AuditAction
from ixreview.store.schema import check_not_newer, migrate, schema_version

if TYPE_CHECKING:
    from ixreview.store.store import Store

_REQUIRED_TABLES = {"requests", "reviews", "determinations", "letters", "users", "audit_log"}


def _copy(source: sqlite3.Connection, target: Path) -> None:
    """Snapshot `source` into a new file at `target` (0600, rollback-journal mode)."""
    if target.exists():
        raise StoreError(f"{target} already exists; choose a new file name for the backup")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    # A leftover (or planted) partial file or symlink is removed, never followed.
    partial.unlink(missing_ok=True)
    fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_WRONLY, 0o600)
    os.close(fd)
    dst = sqlite3.connect(partial, isolation_level=None)
    try:
        source.backup(dst)
        # A single self-contained file: no -wal companion to forget when copying it.
        dst.execute("PRAGMA journal_mode = DELETE")
        result = dst.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        dst.close()
    if result != "ok":
        partial.unlink()
        raise IntegrityError(f"the backup copy failed its integrity check: {result}")
    os.replace(partial, target)
    restrict_permissions(target)


def backup(store: Store, target: Path, *, actor: int | None = None) -> Path:
    target = Path(target)
    if target.resolve() == store.path.resolve():
        raise StoreError("the backup must not overwrite the live database")
    _copy(store.conn, target)
    store.audit.append(
        AuditAction.BACKED_UP, "database", None, actor=actor, details={"file": target.name}
    )
    return target


def check_backup(source: Path) -> int:
    """Raise IntegrityError unless `source` is a sound ixreview database; return its version."""
    if not source.is_file():
        raise StoreError(f"{source} does not exist")
    try:
        conn = sqlite3.connect(f"file:{quote(str(source.resolve()))}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise IntegrityError(f"{source} cannot be opened: {exc}") from None
    try:
        try:
            problems = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
        except sqlite3.DatabaseError as exc:
            raise IntegrityError(f"{source} is not a usable database: {exc}") from None
        if problems != ["ok"]:
            raise IntegrityError(
                f"{source} failed its integrity check ({'; '.join(problems[:3])}); "
                "nothing was restored"
            )
        version = schema_version(conn)
        check_not_newer(version, f"The backup {source}")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if version == 0 or not tables >= _REQUIRED_TABLES:
            raise IntegrityError(f"{source} is not an ixreview database; nothing was restored")
        chain = verify_chain(conn)
        if not chain.ok:
            raise IntegrityError(
                f"the audit log in {source} is not intact ({chain.reason}); nothing was restored"
            )
        return version
    finally:
        conn.close()


def restore(store: Store, source: Path, *, actor: int | None = None) -> Path:
    """Replace the live database with `source`; returns where the old one was kept."""
    source = Path(source)
    if source.resolve() == store.path.resolve():
        raise StoreError("cannot restore the live database onto itself")
    check_backup(source)
    stamp = utc_iso(store.now()).replace(":", "").replace("+0000", "Z")[:17]
    kept = store.path.with_name(f"{store.path.name}.before-restore-{stamp}")
    _copy(store.conn, kept)
    src = sqlite3.connect(f"file:{quote(str(source.resolve()))}?mode=ro", uri=True)
    try:
        src.backup(store.conn)
    finally:
        src.close()
    store.conn.execute("PRAGMA journal_mode = WAL")
    restrict_permissions(store.path)
    migrate(store.db)
    store.audit.append(
        AuditAction.RESTORED,
        "database",
        None,
        actor=actor,
        details={"file": source.name, "previous_kept_as": kept.name},
    )
    return kept
