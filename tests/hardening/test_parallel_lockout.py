"""Issue 10 §3: the sign-in lockout holds under parallel attempts.

The attempt is counted before the slow password check, in one serialized store
step, so however many processes guess at once no more than five wrong passwords
are ever checked before the lock; a descriptor that is not open for reading is
bad input and never counts.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from hardening_helpers import FAST, PASSWORDS, copy_db, guess_batch

from ixreview.store import open_store
from ixreview.workflow import accounts
from ixreview.workflow.errors import AccountLocked

PROCESSES = 4
GUESSES_EACH = 8


def _checked_wrong_passwords(db: Path) -> int:
    with open_store(db) as store:
        drpat = store.users.by_username("drpat")
        assert drpat is not None
        return sum(
            1
            for e in store.audit.entries(object_type="user", object_id=drpat.id)
            if e.action == "sign_in_failed" and e.details.get("reason") == "wrong_password"
        )


@pytest.fixture
def db(template_db: Path, tmp_path: Path) -> Path:
    path = copy_db(template_db, tmp_path)
    with open_store(path) as store:
        drpat = store.users.by_username("drpat")
        assert drpat is not None
        # The production Argon2 parameters: each check takes as long as it really does,
        # which is the window parallel guesses used to slip through.
        store.users.update(drpat.id, password_hash=PasswordHasher().hash(PASSWORDS["drpat"]))
    return path


def _in_parallel(db: Path, processes: int, guesses_each: int) -> list[int]:
    """`processes` OS processes, released together, each signing in `guesses_each` times."""
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(processes), ctx.Queue()
    workers = [
        ctx.Process(
            target=guess_batch,
            args=(str(db), barrier, [f"guess-{p}-{i}" for i in range(guesses_each)], results),
        )
        for p in range(processes)
    ]
    for w in workers:
        w.start()
    codes = [code for _ in workers for code in results.get(timeout=300)]
    for w in workers:
        w.join(timeout=60)
        assert w.exitcode == 0
    return codes


def test_parallel_guesses_check_at_most_five_wrong_passwords(db: Path) -> None:
    codes = _in_parallel(db, PROCESSES, GUESSES_EACH)
    assert len(codes) == PROCESSES * GUESSES_EACH
    assert all(code != 0 for code in codes)
    assert _checked_wrong_passwords(db) <= 5
    with open_store(db) as store, pytest.raises(AccountLocked):
        accounts.sign_in(store, "drpat", PASSWORDS["drpat"], security=FAST)


def test_the_lock_holds_for_the_right_password_after_parallel_batches(db: Path) -> None:
    """The issue's reproduction: two batches of ten, then the right password."""
    _in_parallel(db, 2, 10)
    assert _checked_wrong_passwords(db) == 5
    with open_store(db) as store:
        drpat = store.users.by_username("drpat")
        assert drpat is not None and drpat.locked_until is not None
        with pytest.raises(AccountLocked):
            accounts.sign_in(store, "drpat", PASSWORDS["drpat"], security=FAST)


def _cli(db: Path, *args: str, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ixreview", "--db", str(db), *args],
        capture_output=True,
        text=True,
        check=False,
        **kw,  # type: ignore[call-overload]
    )


@pytest.mark.parametrize("fd", ["3", "9"])
def test_a_password_fd_that_is_not_open_is_bad_input_and_never_counted(db: Path, fd: str) -> None:
    for _ in range(3):
        result = _cli(db, "history", "zzz", "--user", "drpat", "--password-fd", fd, close_fds=True)
        assert result.returncode == 2, result.stderr
        assert f"file descriptor {fd} is not open" in result.stderr
        assert "Traceback" not in result.stderr
    with open_store(db) as store:
        drpat = store.users.by_username("drpat")
        assert drpat is not None and drpat.failed_attempts == 0
    assert _checked_wrong_passwords(db) == 0


def test_a_password_fd_open_only_for_writing_is_bad_input(db: Path, tmp_path: Path) -> None:
    out = os.open(tmp_path / "sink", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        result = _cli(
            db, "history", "zzz", "--user", "drpat", "--password-fd", str(out), pass_fds=(out,)
        )
    finally:
        os.close(out)
    assert result.returncode == 2, result.stderr
    assert "not open for reading" in result.stderr
    assert _checked_wrong_passwords(db) == 0


def test_a_password_fd_that_is_open_still_signs_in(db: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text(PASSWORDS["nina"] + "\n", encoding="utf-8")
    with secret.open("rb") as handle:
        fd = handle.fileno()
        result = _cli(
            db, "history", "zzz", "--user", "nina", "--password-fd", str(fd), pass_fds=(fd,)
        )
    assert result.returncode == 0, result.stderr
