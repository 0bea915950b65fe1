"""Shared fakes and builders for the GUI tests (one place, qutebrowser style)."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent.parent / "data"


class MovableClock:
    """A store clock the test moves (as tests/workflow's FakeClock)."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def example() -> dict[str, Any]:
    """The case-format example (a fresh deep copy each call)."""
    return copy.deepcopy(json.loads((DATA / "example-case.json").read_text(encoding="utf-8")))


class FakeHandler:
    """Records decisions; allows what the test says."""

    def __init__(self, allowed: set[str] | None = None) -> None:
        self.allowed_actions = allowed if allowed is not None else {"approve", "refer", "pend"}
        self.calls: list[tuple[str, str, str]] = []

    def allowed(self, action: str, evaluation: object) -> bool:
        return action in self.allowed_actions

    def denial_reasons(self, evaluation: object) -> dict[str, str]:
        return {}

    def decide(
        self, action: str, reason: str, password: str, reasons: dict[str, str] | None = None
    ) -> str:
        from ixreview.ui.pages.decision import DecisionError

        if password != "pw":
            raise DecisionError("the password is wrong; nothing was signed")
        self.calls.append((action, reason, password))
        return f"{action} done"

    def cancel_reasons(self) -> list[tuple[str | None, str]]:
        return [("withdrawn", "Withdrawn by the prescriber"), (None, "Another reason")]

    def cancel(self, reason_code: str | None, note: str) -> str:
        self.calls.append(("cancel", reason_code or "", note))
        return "cancelled"

    def information_notice(self) -> str:
        return ""

    def information_not_received(self, note: str) -> str:
        self.calls.append(("info_not_received", note, ""))
        return "Information not received; referred to a physician reviewer."


def open_desk(db: Path, role: str = "nurse", username: str = "nina") -> Any:
    """A Desk on a fresh database with one signed-in reviewer (sign-in itself is the
    workflow layer's; these tests exercise the windows)."""
    from ixreview.ui.desk import Desk

    desk = Desk.open(db)
    user = desk.store.users.by_username(username)
    if user is None:
        user = desk.store.users.create(username, "Nina Okafor", role, credentials="RN")
    if not desk.store.settings.get("policy.default"):  # as an administrator's set-up does
        desk.store.settings.set("policy.default", "ING-CC-0090", actor=user.id)
    desk.use_account(user)
    return desk


def case_text(**changes: Any) -> str:
    data = example()
    for dotted, value in changes.items():
        node = data
        *parts, last = dotted.split(".")
        for p in parts:
            node = node[p]
        node[last] = value
    return json.dumps(data)


# -- staffed databases with cheap Argon2 (tests only; the app uses the library defaults) --
STAFF_PASSWORDS = {
    "admin": "Ledger-Walnut-5813",
    "nina": "Harbor-Violet-2741",
    "paul": "Copper-Meadow-9163",
}


def fast_security() -> Any:
    from argon2 import PasswordHasher

    from ixreview.workflow.accounts import Security

    return Security(hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


def staff_database(db: Path, clock: Callable[[], datetime] | None = None) -> Path:
    """An administrator, a nurse and a physician (signing keys enrolled) and a letterhead.

    `clock`: the store clock (default: the system's)."""
    from ixreview.letters.model import PlanLetterhead
    from ixreview.store.store import open_store
    from ixreview.workflow import accounts, letterdata

    fast = fast_security()
    pw = STAFF_PASSWORDS
    with open_store(db, **({} if clock is None else {"clock": clock})) as store:
        accounts.create_first_admin(
            store, username="admin", full_name="Ada Admin", password=pw["admin"],
            organization="Blue Valley Health Plan", security=fast,
        )
        admin = accounts.sign_in(store, "admin", pw["admin"], security=fast)
        accounts.add_user(
            store, admin, username="nina", full_name="Nina Okafor", role="nurse_reviewer",
            password=pw["nina"], admin_password=pw["admin"], credentials="RN", security=fast,
        )
        accounts.add_user(
            store, admin, username="paul", full_name="Paul Lindqvist",
            role="physician_reviewer", password=pw["paul"], admin_password=pw["admin"],
            credentials="MD", npi="1234567893", p2p_phone="865-555-0100", security=fast,
        )
        letterdata.set_letterhead(
            store,
            PlanLetterhead(name="Blue Valley Health Plan", address_lines=["PO Box 4410"],
                           phone="1-800-555-0199"),
            actor=admin.user_id,
        )
        store.settings.set("policy.default", "ING-CC-0090", actor=admin.user_id)
    return db


def signed_in_desk(
    db: Path, username: str, clock: Callable[[], datetime] | None = None
) -> Any:
    """A Desk signed in through the workflow (cheap Argon2); `clock`: the store clock."""
    from ixreview.store.store import open_store
    from ixreview.ui.desk import Desk

    desk = Desk.open(db) if clock is None else Desk(open_store(db, clock=clock))
    desk.security = fast_security()
    desk.sign_in(username, STAFF_PASSWORDS[username])
    return desk
