"""A test process killed outright (SIGKILL: its atexit never runs) leaves its throwaway
server running; the next server started stops it, so runs never pile servers up."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from pg_server import OWNER_FILE, reap_orphans

CHILD = """
import os, signal, sys
from pathlib import Path
sys.path.insert(0, {here!r})
from pg_server import PgServer
server = PgServer(Path({base!r})).start()
print(server.root, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def _postmaster_running(root: Path) -> bool:
    pid_file = root / "data" / "postmaster.pid"
    try:
        pid = int(pid_file.read_text().splitlines()[0])
    except (OSError, ValueError, IndexError):
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_a_killed_runs_server_is_stopped_by_the_next_start() -> None:
    # A base of its own: other test processes reap only /tmp's orphans, not this one.
    base = Path(tempfile.mkdtemp(prefix="ixreview-orphans-", dir="/tmp"))
    base.chmod(0o755)
    here = str(Path(__file__).parent)
    child = subprocess.run(
        [sys.executable, "-c", CHILD.format(here=here, base=str(base))],
        capture_output=True, text=True,
        check=False, timeout=120,
    )  # fmt: skip
    assert child.returncode == -9, child.stderr
    root = Path(child.stdout.strip())
    owner = int((root / OWNER_FILE).read_text())
    assert owner != os.getpid()  # the killed child owned it
    assert _postmaster_running(root)  # the killed run could not stop it
    assert root in reap_orphans(base)
    assert not root.exists() and not _postmaster_running(root)
    base.rmdir()
