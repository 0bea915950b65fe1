"""Account lockout after repeated failed sign-ins (pure; the clock is passed in).

Five failures in a row lock the account for 15 minutes. The count restarts
when the lock is set and after a successful sign-in, so once a lock expires the
user has five fresh attempts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class LockoutPolicy:
    max_failures: int = 5
    lock_for: timedelta = timedelta(minutes=15)


@dataclass(frozen=True)
class LoginState:
    """What the store keeps per account between sign-in attempts."""

    failed_attempts: int = 0
    locked_until: datetime | None = None

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until


def after_failure(state: LoginState, now: datetime, policy: LockoutPolicy) -> LoginState:
    """The state after a wrong password; `locked_until` is set when this failure locks."""
    failures = state.failed_attempts + 1
    if failures >= policy.max_failures:
        return LoginState(failed_attempts=0, locked_until=now + policy.lock_for)
    return LoginState(failed_attempts=failures, locked_until=None)


def after_success() -> LoginState:
    return LoginState()
