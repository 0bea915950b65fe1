"""`ixreview gui`: start the desktop app. Qt is imported only here, and only when run.

Without a display (no DISPLAY / WAYLAND_DISPLAY on Linux and no offscreen
platform chosen) it says so in one line and exits 1, instead of letting Qt abort.
"""

from __future__ import annotations

import importlib
import os
import re
import socket
import sys
from pathlib import Path

import click

HEADLESS_PLATFORMS = {"offscreen", "minimal", "vnc", "eglfs", "linuxfb"}


def display_available(env: dict[str, str] | None = None, platform: str = sys.platform) -> bool:
    env = dict(os.environ) if env is None else env
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return True  # Windows and macOS always have their own window system
    qpa = env.get("QT_QPA_PLATFORM", "").split(":")[0]
    if qpa in HEADLESS_PLATFORMS or env.get("WAYLAND_DISPLAY"):
        return True
    display = env.get("DISPLAY")
    return display is not None and x_server_answers(display)


def x_server_answers(display: str, timeout: float = 1.0) -> bool:
    """Whether an X server listens at DISPLAY (Qt aborts when none does)."""
    match = re.fullmatch(r"(?P<host>[^:]*):(?P<num>\d+)(?:\.\d+)?", display)
    if match is None:
        return False
    host, number = match["host"], int(match["num"])
    try:
        if host in ("", "unix"):
            with socket.socket(socket.AF_UNIX) as sock:
                sock.settimeout(timeout)
                sock.connect(f"/tmp/.X11-unix/X{number}")
        else:
            socket.create_connection((host, 6000 + number), timeout=timeout).close()
    except OSError:
        return False
    return True


@click.command()
@click.pass_context
def gui(ctx: click.Context) -> None:
    """Open the reviewer's desktop app (needs a display)."""
    if not display_available():
        click.echo(
            "ixreview gui: no display available (no X server at DISPLAY, no WAYLAND_DISPLAY); "
            "use the command line instead, e.g. `ixreview evaluate CASE.json --policy ID` "
            "or `ixreview --help`.",
            err=True,
        )
        ctx.exit(1)
    db: Path | None = (ctx.obj or {}).get("db")
    # Imported by name so the CLI layer never imports Qt statically (import-linter).
    app = importlib.import_module("ixreview.ui.app")
    ctx.exit(app.run(db))
