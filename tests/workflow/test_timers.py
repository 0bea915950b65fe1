"""Lockout after failed sign-ins, and the idle lock's timing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ixreview.workflow.idle import IdleLock, idle_minutes_from_settings
from ixreview.workflow.lockout import LockoutPolicy, LoginState, after_failure, after_success

T0 = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def test_five_failures_lock_for_fifteen_minutes() -> None:
    policy = LockoutPolicy()
    state = LoginState()
    for n in range(1, 5):
        state = after_failure(state, T0, policy)
        assert state.failed_attempts == n and not state.is_locked(T0)
    state = after_failure(state, T0, policy)
    assert state.is_locked(T0)
    assert state.is_locked(T0 + timedelta(minutes=14, seconds=59))
    assert not state.is_locked(T0 + timedelta(minutes=15))
    assert state.failed_attempts == 0  # five fresh attempts once the lock expires


def test_success_clears_failures() -> None:
    state = after_failure(LoginState(), T0, LockoutPolicy())
    assert after_success() == LoginState()
    assert state.failed_attempts == 1


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_idle_lock_is_due_after_the_configured_minutes() -> None:
    clock = FakeClock()
    idle = IdleLock(minutes=15, clock=clock)
    clock.now += 14 * 60
    assert not idle.due()
    idle.activity()  # input restarts the countdown
    clock.now += 14 * 60
    assert idle.remaining() == timedelta(minutes=1)
    clock.now += 60
    assert idle.due()
    idle.lock()
    idle.activity()  # input while locked does not unlock
    assert idle.locked and idle.due()
    idle.unlock()
    assert not idle.due() and idle.remaining() == timedelta(minutes=15)


def test_idle_minutes_setting() -> None:
    assert idle_minutes_from_settings({}) == 15
    assert idle_minutes_from_settings({"idle_lock_minutes": "5"}) == 5
    assert idle_minutes_from_settings({"idle_lock_minutes": "soon"}) == 15
    assert idle_minutes_from_settings({"idle_lock_minutes": "0"}) == 15
    with pytest.raises(ValueError, match="at least 1"):
        IdleLock(minutes=0)
