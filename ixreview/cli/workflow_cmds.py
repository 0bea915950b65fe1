"""What every command that acts as a user shares: the database, the password, the sign-in.

`ixreview user` is `user_cmds`; `decide` and `reassign-policy` are
`decision_cmds`; the other areas' commands use these helpers too. The same rules
as the GUI, because all call `ixreview.workflow`. Passwords are never
command-line arguments (they would show in `ps` and shell history): they are
prompted for without echo, or read as one line from a file descriptor given
with `--password-fd N` (e.g. `--password-fd 3 3<secret-file`).

Refused input exits with status 2, a refused or failed action with status 1,
always with a one-line message and never a traceback.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

import click

from ixreview.cli.outfiles import readable_fd
from ixreview.workflow import accounts
from ixreview.workflow.accounts import DEFAULT_SECURITY, Security, Session
from ixreview.workflow.errors import WorkflowError
from ixreview.workflow.gate import (
    DuplicateReferenceError,
    NotFoundError,
    PolicyNotAssignable,
    Store,
    StoreError,
    open_store,
    system_now,
)

# Argon2 parameters: the library defaults. Tests replace this module attribute
# with cheap ones; there is deliberately no option or variable to weaken it.
# The command modules read it here at call time (`workflow_cmds.SECURITY`).
SECURITY: Security = DEFAULT_SECURITY

_MAX_SECRET = 1024

# A practice database may run its clock ahead (to live past a respond-by date in a
# walkthrough). Forward only, in whole days, announced on every command; the moved
# time is what the audit log and any signed letter carry.
PRACTICE_CLOCK_ENV = "IXREVIEW_PRACTICE_DAYS_AHEAD"
_MAX_DAYS_AHEAD = 366


class Refused(click.ClickException):
    """A refused or failed action: exit status 1."""

    exit_code = 1


class BadInput(click.ClickException):
    """Input that cannot be used: exit status 2."""

    exit_code = 2


def fail(message: str, exit_code: int = 1) -> click.ClickException:
    """The one-line error for `exit_code` (2: bad input, 1: refused or failed)."""
    return BadInput(message) if exit_code == 2 else Refused(message)


@contextmanager
def _store(ctx: click.Context) -> Iterator[Store]:
    """The case database for one command; store and workflow errors become one-line
    messages with exit status 2 (bad input) or 1 (refused or failed)."""
    db = (ctx.obj or {}).get("db")
    clock = _practice_clock()
    try:
        store = open_store(db, clock=clock)
    except StoreError as exc:
        raise fail(str(exc)) from None
    try:
        yield store
    except WorkflowError as exc:
        raise fail(str(exc), exc.exit_code) from None
    except (NotFoundError, DuplicateReferenceError, PolicyNotAssignable) as exc:
        raise fail(str(exc), 2) from None
    except StoreError as exc:
        raise fail(str(exc)) from None
    finally:
        store.close()


def _practice_clock() -> Callable[[], datetime]:
    raw = os.environ.get(PRACTICE_CLOCK_ENV, "").strip()
    if not raw:
        return system_now
    if not raw.isdigit() or not 0 < int(raw) <= _MAX_DAYS_AHEAD:
        raise fail(
            f"{PRACTICE_CLOCK_ENV}: a whole number of days from 1 to {_MAX_DAYS_AHEAD}", 2
        )
    days = int(raw)
    click.echo(f"Practice clock: {days} days ahead of this computer's clock.", err=True)
    return lambda: system_now() + timedelta(days=days)


def _read_fd(fd: int, option: str) -> str:
    """One line from a file descriptor, read byte by byte so a second line stays unread."""
    data = bytearray()
    try:
        while len(data) <= _MAX_SECRET:
            chunk = os.read(fd, 1)
            if not chunk or chunk == b"\n":
                break
            data += chunk
    except OSError as exc:
        raise fail(f"{option}: cannot read file descriptor {fd}: {exc.strerror}", 2) from None
    text = data.decode("utf-8", "replace").rstrip("\r")
    if not text:
        raise fail(f"{option}: file descriptor {fd} gave no password", 2)
    return text


def _password(fd: int | None, option: str, prompt: str, *, confirm: bool = False) -> str:
    if fd is not None:
        return _read_fd(fd, option)
    value: str = click.prompt(prompt, hide_input=True, confirmation_prompt=confirm, err=True)
    return value


def _sign_in(store: Store, username: str, fd: int | None) -> tuple[Session, str]:
    """Sign in (every command that acts as a user); shows `Session.notice` on stderr."""
    password = _password(fd, "--password-fd", f"Password for {username}")
    session = accounts.sign_in(store, username, password, security=SECURITY)
    if session.notice:
        click.echo(f"Notice: {session.notice}", err=True)
    return session, password


password_fd_option = click.option(
    "--password-fd",
    type=int,
    callback=readable_fd,
    metavar="N",
    help="Read the password from file descriptor N (one line) instead of prompting.",
)
as_option = click.option(
    "--as",
    "acting",
    metavar="ADMIN",
    help="The administrator doing this (asked for their password).",
)
