"""Files the command line reads secrets from and writes PHI to.

Output files (`export --csv`, `letter --out`) hold PHI, so they are written the
one safe way: an existing path is refused unless `--force` is given; the file is
created with O_CREAT | O_EXCL | O_NOFOLLOW, owner-only (0600), so a symlink
planted at the path is never followed (not even with `--force`, which removes
the link itself, never its target, and then creates a new file).

Kept free of store and workflow imports: `letter` imports it before anything heavy.
"""

from __future__ import annotations

import fcntl
import os
import stat
from pathlib import Path

import click

# Exclusive create, never through a symlink, never inherited by a child process.
CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


class OutputRefused(click.ClickException):
    """An output path that cannot be used: exit status 2."""

    exit_code = 2


def readable_fd(ctx: click.Context, param: click.Parameter, fd: int | None) -> int | None:
    """A `--password-fd N` callback, run while the options are parsed.

    Checked before the database is opened: a descriptor that is not open now would
    otherwise be the database file's own descriptor by the time the password is
    read, and its bytes would count as a wrong password.
    """
    if fd is None:
        return None
    try:
        flags = fcntl.fcntl(fd, fcntl.F_GETFL)
    except (OSError, OverflowError):
        raise click.BadParameter(f"file descriptor {fd} is not open") from None
    if flags & os.O_ACCMODE not in (os.O_RDONLY, os.O_RDWR):
        raise click.BadParameter(f"file descriptor {fd} is not open for reading")
    return fd


def make_room(path: Path, *, force: bool, option: str) -> None:
    """Refuse an existing `path` (a file, a directory or a symlink) unless `force`.

    With `force`, an existing file or symlink is unlinked (a symlink's target is
    untouched); a directory is always refused.
    """
    try:
        info = path.lstat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputRefused(f"{option}: cannot use {path}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise OutputRefused(f"{option}: {path} is a directory")
    if not force:
        what = "is a symbolic link" if stat.S_ISLNK(info.st_mode) else "exists"
        raise OutputRefused(f"{option}: {path} {what} (add --force to replace it)")
    try:
        path.unlink()
    except OSError as exc:
        raise OutputRefused(f"{option}: cannot replace {path}: {exc.strerror or exc}") from None


def write_private(path: Path, data: bytes, *, option: str) -> None:
    """Create `path` (owner-only, exclusive, never through a symlink) holding `data`."""
    try:
        fd = os.open(path, CREATE_FLAGS, 0o600)
    except FileExistsError:
        raise OutputRefused(f"{option}: {path} appeared while writing; nothing written") from None
    except OSError as exc:
        raise OutputRefused(f"{option}: cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise OutputRefused(f"{option}: cannot write {path}: {exc.strerror or exc}") from None
