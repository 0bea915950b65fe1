"""Work around a reference-count bug: PySide6 6.12.0 on CPython 3.11 drops a reference
to `None` on every call of a Qt method that returns void (setText, processEvents, ...).

After a few thousand such calls `None`'s count reaches zero and the interpreter aborts
("none_dealloc: deallocating None"), which in the desk means a crash after some minutes
of ordinary typing. CPython 3.12 makes `None` immortal, so the bug is harmless there.
`install()` measures whether this interpreter/PySide6 pair leaks and, only then, gives
`None` a reference count no session can exhaust (what 3.12 does by design). The real
fix is a PySide6 release without the bug, or Python 3.12+ (reported to the lead).
"""

from __future__ import annotations

import ctypes
import sys

# 2**40 references: a void call a microsecond for twelve days would not use them up.
_RESERVE = 1 << 40


def leaks_none() -> bool:
    """Whether calling a void Qt method lowers None's reference count here."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(20):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before - 10


def install() -> bool:
    """Make None effectively immortal when this PySide6 leaks it; True if it was needed."""
    if sys.version_info >= (3, 12) or not leaks_none():
        return False
    refcount = ctypes.c_ssize_t.from_address(id(None))
    if refcount.value < _RESERVE:
        refcount.value += _RESERVE
    return True
