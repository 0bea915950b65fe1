"""Issue 10 §3 on the team server (issue 11): the sign-in lockout holds when several
desks guess at once against one PostgreSQL server.

Each guess is a real `ixreview history` command in its own OS process, connected as
a desk's login (not the database owner); the server counts each attempt under the
account's row lock before the slow Argon2 check, so no more than five wrong
passwords are ever checked before the lock.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from hardening_helpers import FAST, PASSWORDS

sys.path.insert(0, str(Path(__file__).parent.parent / "postgres"))
sys.path.insert(0, str(Path(__file__).parent.parent / "workflow"))
from pg_server import PgServer, fresh_database_url, shared_server, stop_shared_server

# The desk's parallel runner and count, pointed at the server's URL instead of a file.
from test_parallel_lockout import _checked_wrong_passwords, _in_parallel

from ixreview.store import open_store
from ixreview.workflow import accounts
from ixreview.workflow.errors import AccountLocked

PROCESSES = 4
GUESSES_EACH = 8
DESK_LOGIN = "desk_lockout"


@pytest.fixture(scope="module", autouse=True)
def _stop_pg_server() -> Iterator[None]:
    yield
    stop_shared_server()


def _desk_url(pg: PgServer, url: str) -> str:
    with pg.admin() as conn:
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (DESK_LOGIN,)).fetchone()
        if not exists:
            conn.execute(f"CREATE ROLE {DESK_LOGIN} LOGIN IN ROLE ixreview_desk")
    return url.replace("postgres@", f"{DESK_LOGIN}@", 1)


@pytest.fixture
def owner_url() -> str:
    """A team server database with the staff; drpat's password under production Argon2
    (each check takes as long as it really does: the window parallel guesses aim at)."""
    from workflow_helpers import _build_template

    url = fresh_database_url()
    _build_template(url)
    with open_store(url) as store:
        drpat = store.users.by_username("drpat")
        assert drpat is not None
        store.users.update(drpat.id, password_hash=PasswordHasher().hash(PASSWORDS["drpat"]))
    return url


@pytest.fixture
def desk_url(owner_url: str) -> str:
    return _desk_url(shared_server(), owner_url)


def test_parallel_desks_check_at_most_five_wrong_passwords(owner_url: str, desk_url: str) -> None:
    codes = _in_parallel(desk_url, PROCESSES, GUESSES_EACH)
    assert len(codes) == PROCESSES * GUESSES_EACH
    assert all(code != 0 for code in codes)
    assert _checked_wrong_passwords(owner_url) == 5
    with open_store(desk_url) as store:
        drpat = store.users.by_username("drpat")
        assert drpat is not None
        assert drpat.failed_attempts == 5 and drpat.locked_until is not None
        with pytest.raises(AccountLocked):
            accounts.sign_in(store, "drpat", PASSWORDS["drpat"], security=FAST)
        report = store.verify_audit_chain()
        assert report.ok, report.reason


def test_the_server_claim_keeps_the_desks_contract(desk_url: str) -> None:
    """Counted before the check; the fifth sets the lock; refused while it holds; an
    expired lock gives five fresh attempts; a right password clears the count."""
    now = datetime(2026, 11, 22, 15, tzinfo=UTC)
    lock = timedelta(minutes=15)
    with open_store(desk_url) as store:
        drpat = store.users.by_username("drpat")
        assert drpat is not None
        claims = [
            store.users.claim_attempt(drpat.id, now=now, max_failures=5, lock_for=lock)
            for _ in range(6)
        ]
        assert [c.allowed for c in claims] == [True] * 5 + [False]
        assert [c.failures for c in claims] == [1, 2, 3, 4, 5, 5]
        assert claims[3].locked_until is None
        assert claims[4].locked_until == claims[5].locked_until == now + lock
        later = now + lock + timedelta(seconds=1)
        fresh = store.users.claim_attempt(drpat.id, now=later, max_failures=5, lock_for=lock)
        assert fresh.allowed and fresh.failures == 1 and fresh.locked_until is None
        store.users.clear_attempts(drpat.id)
        cleared = store.users.get(drpat.id)
        assert cleared.failed_attempts == 0 and cleared.locked_until is None
        # the desk's login may count attempts but still not change a role
        assert cleared.role.value == "physician"
