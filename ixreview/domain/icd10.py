"""ICD-10-CM code set, from the simple-icd-10-cm library, behind a compact index.

`import simple_icd_10_cm` parses a large XML file (about 2-3 s), far too slow for
`ixreview evaluate` (target 0.3 s per process). So the library is read once per
library data version to derive a small SQLite index (code, description,
billable); every lookup reads that index. The codes and descriptions still come
from the library, never from a hand-kept list.

Where the index comes from, first found wins:
1. the installed index, `ixreview/resources/icd10cm/`, derived when the product
   is installed (scripts/bootstrap.sh, the wheel build in setup.py, the desktop
   bundle) by `python -m ixreview.domain.icd10 install`;
2. the user cache (`IXREVIEW_CACHE_DIR`, else the platform's cache directory),
   derived at first use when the installed one is missing or was derived from
   another version of the library (the cold path). It is derived in a child
   process, so the 2-3 s XML parse and its memory never stay in the reviewer's
   process and the library's own deprecation warnings never reach it.

A code is billable when it is a leaf of the library's code tree.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import warnings
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


# Set to 1 to ignore the installed index (diagnosis, and the cold-path tests).
IGNORE_INSTALLED_ENV = "IXREVIEW_IGNORE_INSTALLED_ICD10_INDEX"


def index_name() -> str:
    return f"icd10cm-index-v{INDEX_SCHEMA}-{_data_key()}.sqlite"


def installed_index_dir() -> Path:
    return Path(__file__).resolve().parents[1] / "resources" / "icd10cm"


def installed_index_path() -> Path | None:
    """The index derived at installation, if it matches the library in use."""
    if os.environ.get(IGNORE_INSTALLED_ENV) == "1":
        return None
    path = installed_index_dir() / index_name()
    return path if path.is_file() else None


def index_path() -> Path:
    """The index lookups read: the installed one, else the user cache's."""
    return installed_index_path() or cache_dir() / index_name()


def build_index(path: Path) -> None:
    """Derive the index from the library (slow: imports simple_icd_10_cm)."""
    with warnings.catch_warnings():
        # The library reads its data with importlib.resources APIs that newer
        # Pythons deprecate; that is the library's business, not the reviewer's.
        warnings.simplefilter("ignore", DeprecationWarning)
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
        os.chmod(tmp, 0o644)  # public code set, read by every user of an installation
        os.replace(tmp, path)  # atomic: a concurrent reader sees all or nothing
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def _build_in_child(path: Path) -> None:
    """The cold path: derive the index in a child process (see the module doc)."""
    if getattr(sys, "frozen", False):  # a desktop bundle has no separate interpreter
        build_index(path)
        return
    proc = subprocess.run(
        [sys.executable, "-m", "ixreview.domain.icd10", "build", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0 or not path.is_file():
        raise RuntimeError(f"deriving the ICD-10-CM index failed: {proc.stderr.strip()[-500:]}")


def _connection() -> sqlite3.Connection:
    global _CONNECTION
    with _LOCK:
        if _CONNECTION is None:
            path = index_path()
            if not path.exists():
                _build_in_child(path)
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


def install(target: Path | None = None) -> Path:
    """Derive the installed index beside the package (run at installation).

    `target` is another package directory's `resources/icd10cm` (the wheel build).
    """
    target = target or installed_index_dir()
    target.mkdir(parents=True, exist_ok=True)
    path = target / index_name()
    if not path.is_file():
        build_index(path)
    for old in target.glob("icd10cm-index-*.sqlite"):  # an index of a replaced library
        if old != path:
            old.unlink()
    return path


def _main(argv: list[str]) -> int:
    if argv[:1] == ["install"]:
        print(install())
        return 0
    if len(argv) == 2 and argv[0] == "build":
        build_index(Path(argv[1]))
        return 0
    print("usage: python -m ixreview.domain.icd10 install | build PATH", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
