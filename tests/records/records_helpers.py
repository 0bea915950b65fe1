"""What the forgery tests share: run the CLI, act as an attacker on the database file."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from ixreview.cli import cli
from ixreview.workflow import operations
from ixreview.workflow.permissions import denial_reasons


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def attacker(path: Path, *statements: str) -> None:
    """What someone holding only the database file can do: any SQL, triggers dropped first."""
    conn = sqlite3.connect(path)
    try:
        conn.executescript(
            "DROP TRIGGER IF EXISTS determinations_no_update;"
            "DROP TRIGGER IF EXISTS determinations_no_delete;"
            "DROP TRIGGER IF EXISTS letters_no_delete;"
            "DROP TRIGGER IF EXISTS letters_no_update;"
            "DROP TRIGGER IF EXISTS audit_log_no_delete;"
            "DROP TRIGGER IF EXISTS audit_log_no_update;"
            "DROP TRIGGER IF EXISTS audit_log_appends_in_order;"
        )
        for sql in statements:
            conn.execute(sql)
        conn.commit()
    finally:
        conn.close()


def low_anc(world: Any, session: Any, ref: str) -> None:
    rev = world.store.reviews.for_request(world.store.requests.by_reference(ref).id).revision
    operations.save_answer(
        world.store, session, ref, "labs.anc_per_mm3", 1000, expected_revision=rev
    )


def denied_case(world: Any) -> tuple[str, Any]:
    """A case the physician denied (letter signed), and the result."""
    ref = world.import_case()
    nina = world.sign_in("nina")
    low_anc(world, nina, ref)
    operations.refer(world.store, nina, ref, "ANC below 1,500")
    doc = world.sign_in("drpat")
    reasons = denial_reasons(operations.evaluate_review(world.store, doc, ref))
    result = operations.deny(
        world.store, doc, ref, world.pw("drpat"), reasons=reasons, security=world.security
    )
    return ref, result


ADMIN_PASSWORD = "correct-staple-Violet-9"


def first_admin(store: Any) -> None:
    """A new desk's first administrator "admin" (cheap Argon2), pinning its root."""
    from workflow_helpers import FAST

    from ixreview.workflow import accounts

    accounts.create_first_admin(
        store, username="admin", full_name="Ada Admin", password=ADMIN_PASSWORD,
        organization="Blue Valley Health Plan", security=FAST,
    )  # fmt: skip
