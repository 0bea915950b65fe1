"""Shared fakes and builders for the GUI tests (one place, qutebrowser style)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent.parent / "data"


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

    def decide(self, action: str, reason: str, password: str) -> str:
        from ixreview.ui.pages.decision import DecisionError

        if password != "pw":
            raise DecisionError("the password is wrong; nothing was signed")
        self.calls.append((action, reason, password))
        return f"{action} done"


def open_desk(db: Path, role: str = "nurse", username: str = "nina") -> Any:
    """A Desk on a fresh database with one signed-in reviewer (sign-in itself is the
    workflow layer's; these tests exercise the windows)."""
    from ixreview.ui.desk import Desk

    desk = Desk.open(db)
    user = desk.store.users.by_username(username)
    if user is None:
        user = desk.store.users.create(username, "Nina Okafor", role, credentials="RN")
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
