"""A throwaway PostgreSQL server for the tests (and the team-server benchmark).

Debian's `postgresql` package: `initdb` and `pg_ctl` from /usr/lib/postgresql/*/bin,
run as the `postgres` system user when we are root (initdb refuses root), in a
temporary directory that only listens on a Unix socket inside it
(listen_addresses=''), with fsync off because the data is thrown away. `stop()`
is registered with atexit as well, so a crashed or interrupted run leaves no
server behind; a run killed outright (SIGKILL: no atexit) leaves its directory with
its owner's pid, and the next start stops every such orphan (`reap_orphans`).
Each test database is a copy of a migrated template
(CREATE DATABASE ... TEMPLATE), which takes milliseconds.

(tests/ is not a package; conftest files put this folder on sys.path.)
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg

SUPERUSER = "postgres"
OWNER_FILE = "owner.pid"  # the test process a server belongs to


def bin_dir() -> Path:
    """The newest installed server's bin directory."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
        key=lambda p: int(Path(p).parent.parent.name),
    )
    if not found:
        raise RuntimeError(
            "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/pg_ctl); "
            "scripts/bootstrap.sh installs Debian's postgresql package"
        )
    return Path(found[-1]).parent


class PgServer:
    """One server in a temporary directory; `url(db)` names a database on it."""

    def __init__(self, base: Path | None = None) -> None:
        # /tmp, not $TMPDIR: the postgres user must reach it, and a socket path is short.
        self.base = base or Path("/tmp")
        self.root = Path(tempfile.mkdtemp(prefix="ixreview-pg-", dir=self.base))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self._names = itertools.count(1)
        self._running = False
        self._as_root = os.geteuid() == 0
        if self._as_root:
            shutil.chown(self.root, "postgres", "postgres")

    def _run(self, *args: str) -> None:
        cmd = [str(bin_dir() / args[0]), *args[1:]]
        if self._as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        result = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {result.stderr.strip() or result.stdout}")

    def start(self) -> PgServer:
        reap_orphans(self.base)
        (self.root / OWNER_FILE).write_text(str(os.getpid()), encoding="ascii")
        self._run(
            "initdb", "-D", str(self.data), "-U", SUPERUSER, "-A", "trust",
            "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        options = " ".join(
            [
                "-c listen_addresses=''",
                f"-c unix_socket_directories={self.root}",
                "-c fsync=off",
                "-c synchronous_commit=off",
                "-c full_page_writes=off",
                "-c max_connections=120",
            ]
        )
        atexit.register(self.stop)
        self._running = True
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "start")
        return self

    def stop(self) -> None:
        if self._running:
            self._running = False
            # Already gone or not: the directory is removed either way.
            with contextlib.suppress(RuntimeError):
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, dbname: str = "postgres", user: str = SUPERUSER) -> str:
        return f"postgresql://{user}@/{dbname}?host={self.root}"

    def admin(self) -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(self.url(), autocommit=True)

    def create_database(self, template: str | None = None, name: str | None = None) -> str:
        """A new empty database (or a copy of `template`); returns its name."""
        name = name or f"t{os.getpid()}_{next(self._names)}"
        with self.admin() as conn:
            sql = f'CREATE DATABASE "{name}"'
            if template:
                sql += f' TEMPLATE "{template}"'
            conn.execute(sql)
        return name

    def drop_database(self, name: str) -> None:
        with self.admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def reap_orphans(base: Path = Path("/tmp")) -> list[Path]:
    """Stop and remove the throwaway servers whose owning test process is gone (a run
    killed outright cannot run its atexit); returns their directories."""
    reaped = []
    for owner in base.glob(f"ixreview-pg-*/{OWNER_FILE}"):
        try:
            pid = int(owner.read_text(encoding="ascii").strip())
        except (OSError, ValueError):
            continue
        if _alive(pid):
            continue
        orphan = PgServer.__new__(PgServer)
        orphan.root, orphan.data = owner.parent, owner.parent / "data"
        orphan._running, orphan._as_root = True, os.geteuid() == 0
        orphan.stop()
        reaped.append(owner.parent)
    return reaped


# -- one server per test process, shared by every conftest that imports these ---------

TEMPLATE = "ixreview_template"
_SERVER: PgServer | None = None


def shared_server() -> PgServer:
    """The process's server, started on first use with a migrated, initialised template
    database (`ixreview server init` run on it); stopped at exit."""
    global _SERVER
    if _SERVER is None:
        server = PgServer().start()
        server.create_database(name=TEMPLATE)
        from ixreview.store.postgres.admin import init_server

        init_server(server.url(TEMPLATE))
        _SERVER = server
    return _SERVER


def stop_shared_server() -> None:
    global _SERVER
    if _SERVER is not None:
        _SERVER.stop()
        _SERVER = None


def fresh_database_url() -> str:
    """A new database copied from the initialised template."""
    server = shared_server()
    return server.url(server.create_database(template=TEMPLATE))
