"""A case database with an administrator, a nurse and a physician, and the example case.

Named so that no other test folder has a module of the same name (tests import it
by module name).
"""

from __future__ import annotations

import copy
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher

from ixreview.letters.samples import PLAN
from ixreview.store import open_store
from ixreview.workflow import accounts, letterdata
from ixreview.workflow.accounts import Security

EXAMPLE = Path(__file__).parent.parent / "data" / "example-case.json"
# Cheap Argon2 parameters for the accounts the tests sign in with; production uses
# the library defaults.
FAST = Security(hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
PASSWORDS = {
    "admin": "correct-staple-Violet-9",
    "nina": "lantern-orbit-Quartz-7",
    "drpat": "meadow-quiver-Falcon-3",
}
REFERENCE = "PA-2026-004211"


def case_data(**dotted: Any) -> dict[str, Any]:
    """The example case with dotted-path changes ({"member.id": None})."""
    out: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    for path, value in dotted.items():
        node = out
        *parents, last = path.split(".")
        for p in parents:
            node = node[p]
        node[last] = copy.deepcopy(value)
    return out


def _build(path: Path) -> None:
    with open_store(path, clock=lambda: datetime(2026, 11, 22, 15, tzinfo=UTC)) as store:
        accounts.create_first_admin(
            store,
            username="admin",
            full_name="Ada Admin",
            password=PASSWORDS["admin"],
            organization="Blue Valley Health Plan",
            security=FAST,
        )
        admin = accounts.sign_in(store, "admin", PASSWORDS["admin"], security=FAST)
        for username, full_name, role, extra in (
            ("nina", "Nina Nurse", "nurse_reviewer", {"credentials": "RN"}),
            (
                "drpat",
                "Pat Physician",
                "physician_reviewer",
                {"credentials": "MD", "npi": "1234567893", "p2p_phone": "865-555-0100"},
            ),
        ):
            accounts.add_user(
                store,
                admin,
                username=username,
                full_name=full_name,
                role=role,
                password=PASSWORDS[username],
                admin_password=PASSWORDS["admin"],
                security=FAST,
                **extra,
            )
        letterdata.set_letterhead(store, PLAN, actor=admin.user_id)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "ixreview.sqlite3"
    _build(path)
    return path


def copy_db(template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "ixreview.sqlite3"
    shutil.copy(template, path)
    return path


def guess_batch(db: str, barrier: Any, guesses: list[str], results: Any) -> None:
    """One process's batch of sign-ins through the real `ixreview history` command.

    Runs in a child process (multiprocessing, spawn): every process has its own
    connection to the one SQLite file, as parallel shell commands would.
    """
    from click.testing import CliRunner

    from ixreview.cli import cli

    barrier.wait()
    codes = []
    for guess in guesses:
        result = CliRunner().invoke(
            cli, ["--db", db, "history", "zzz", "--user", "drpat"], input=guess + "\n"
        )
        codes.append(result.exit_code)
    results.put(codes)
