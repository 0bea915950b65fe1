"""The idle lock's timing model, used by the GUI (Qt-free so it is testable alone).

The GUI calls `activity()` on user input and polls `due()` from a timer; when it
is due it hides every PHI view and calls `lock()`. Unlocking needs the same
user's password (`ixreview.workflow.accounts.unlock`), then `unlock()` here.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from datetime import timedelta

DEFAULT_IDLE_MINUTES = 15
SETTING_KEY = "idle_lock_minutes"


def idle_minutes_from_settings(settings: Mapping[str, str]) -> int:
    """The configured idle time; falls back to the default when unset or unreadable."""
    raw = settings.get(SETTING_KEY, "")
    try:
        minutes = int(raw)
    except ValueError:
        return DEFAULT_IDLE_MINUTES
    return minutes if 1 <= minutes <= 24 * 60 else DEFAULT_IDLE_MINUTES


class IdleLock:
    """Tracks time since the last activity on a monotonic clock (injectable)."""

    def __init__(
        self,
        minutes: int = DEFAULT_IDLE_MINUTES,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if minutes < 1:
            raise ValueError("idle lock minutes must be at least 1")
        self._timeout = minutes * 60.0
        self._clock = clock
        self._last = clock()
        self._locked = False

    @property
    def timeout(self) -> timedelta:
        return timedelta(seconds=self._timeout)

    @property
    def locked(self) -> bool:
        return self._locked

    def activity(self) -> None:
        """User input: restart the countdown (ignored while locked)."""
        if not self._locked:
            self._last = self._clock()

    def remaining(self) -> timedelta:
        """Time until the lock is due (zero once due or locked)."""
        if self._locked:
            return timedelta(0)
        left = self._timeout - (self._clock() - self._last)
        return timedelta(seconds=max(0.0, left))

    def due(self) -> bool:
        return self._locked or self.remaining() == timedelta(0)

    def lock(self) -> None:
        self._locked = True

    def unlock(self) -> None:
        """Call only after the password was verified."""
        self._locked = False
        self._last = self._clock()
