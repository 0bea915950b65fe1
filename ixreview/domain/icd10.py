"""ICD-10-CM code set, from the simple-icd-10-cm library, behind a compact index.

`import simple_icd_10_cm` parses a large XML file (about 2-3 s), far too slow for
`ixreview evaluate` (target 0.3 s per process). So the library is imported once
per library data version to derive a small SQLite index (code, description,
billable) in the user cache directory; every later lookup reads that index. The
codes and descriptions still come from the library, never from a hand-kept list.

A code is billable when it is a leaf of the library's code tree.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import sqlite3
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

_LOCK = threading.RLock()
_CONNECTION: sqlite3.Connection | None = None


@dataclass(frozen=True)
class CodeInfo:
    code: str
    description: str
    billable: bool


def _library_dir() -> Path:
    spec = importlib.util.find_spec("simple_icd_10_cm")  # finds it without running it
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the simple-icd-10-cm library is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def _data_key() -> str:
    """A name that changes whenever the library ships another code set."""
    data = _library_dir() / "data"
    parts = sorted(
        f"{p.stem}-{p.stat().st_size}" for p in data.iterdir() if p.suffix in (".txt", ".xml")
    )
    return "_".join(parts).replace(" ", "")


def cache_dir() -> Path:
    env = os.environ.get("IXREVIEW_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs  # deferred: only needed to locate the cache

    return Path(platformdirs.user_cache_dir("ixreview", appauthor=False))


# Bumped whenever build_index changes what it stores, so old caches are rebuilt.
INDEX_SCHEMA = 2


def index_path() -> Path:
    return cache_dir() / f"icd10cm-index-v{INDEX_SCHEMA}-{_data_key()}.sqlite"


def build_index(path: Path) -> None:
    """Derive the index from the library (slow: imports simple_icd_10_cm)."""
    import simple_icd_10_cm as icd  # the one place the library itself is loaded

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        con.execute(
            "CREATE TABLE codes (code TEXT PRIMARY KEY, description TEXT NOT NULL,"
            " billable INTEGER NOT NULL) WITHOUT ROWID"
        )
        rows = (
            (code, icd.get_description(code), int(icd.is_leaf(code)))
            for code in icd.get_all_codes(with_dots=True)
            # A one-category block shares its category's name ("C50"): keep the
            # category, or "C50" would read as no code at all instead of non-billable.
            if icd.is_category(code) or not icd.is_chapter_or_block(code)
        )
        con.executemany("INSERT OR IGNORE INTO codes VALUES (?, ?, ?)", rows)
        con.commit()
        con.close()
        os.replace(tmp, path)  # atomic: a concurrent reader sees all or nothing
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def _connection() -> sqlite3.Connection:
    global _CONNECTION
    with _LOCK:
        if _CONNECTION is None:
            path = index_path()
            if not path.exists():
                build_index(path)
            _CONNECTION = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        return _CONNECTION


def normalize_code(code: str) -> str:
    """'c50412' and 'C50.412' -> 'C50.412'."""
    code = code.strip().upper().replace(".", "")
    return code if len(code) <= 3 else f"{code[:3]}.{code[3:]}"


def lookup(code: str) -> CodeInfo | None:
    norm = normalize_code(code)
    with _LOCK:
        row = (
            _connection()
            .execute("SELECT code, description, billable FROM codes WHERE code = ?", (norm,))
            .fetchone()
        )
    return CodeInfo(row[0], row[1], bool(row[2])) if row else None


def description(code: str) -> str | None:
    info = lookup(code)
    return info.description if info else None


def complete(prefix: str, limit: int = 50) -> list[CodeInfo]:
    """Billable codes starting with a prefix, for completion in the checklist."""
    norm = normalize_code(prefix) if prefix.strip() else ""
    with _LOCK:
        rows = (
            _connection()
            .execute(
                "SELECT code, description, billable FROM codes WHERE code >= ? AND code < ?"
                " AND billable = 1 ORDER BY code LIMIT ?",
                (norm, norm + "\uffff", limit),
            )
            .fetchall()
        )
    return [CodeInfo(r[0], r[1], bool(r[2])) for r in rows]


def check_billable_code(code: str) -> str:
    """pydantic validator: the normalized code, or a reason it is not usable."""
    info = lookup(code)
    if info is None:
        raise ValueError(f'"{code}" is not a valid ICD-10-CM code')
    if not info.billable:
        raise ValueError(
            f'"{code}" is an ICD-10-CM category, not a billable code; '
            "give the full code (more characters)"
        )
    return info.code
