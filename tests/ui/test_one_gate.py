"""The desktop app reaches the record only through the workflow.

The import-linter contract (pyproject.toml) forbids importing ixreview.store; this test
closes the other way around it: the desk holds the opened record, and calling its
repositories (`desk.store.users`, `store.settings.set(...)`) would skip every rule.
"""

from __future__ import annotations

import ast
from pathlib import Path

import ixreview.ui

UI = Path(ixreview.ui.__file__).parent
# What the desk may ask of the record object itself: its clock, where it lives, its
# kind (SQLite or team server), and closing it. Everything else is a workflow call.
ALLOWED = {"now", "path", "close", "backend"}


def _store_uses(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute):
            continue
        owner = node.value
        named_store = (isinstance(owner, ast.Name) and owner.id == "store") or (
            isinstance(owner, ast.Attribute) and owner.attr == "store"
        )
        if named_store and node.attr not in ALLOWED:
            found.append((node.lineno, node.attr))
    return found


def test_the_desktop_app_calls_no_repository_of_the_record() -> None:
    problems = [
        f"{path.relative_to(UI.parent)}:{line}: store.{attr}"
        for path in sorted(UI.rglob("*.py"))
        for line, attr in _store_uses(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert problems == []


def test_the_check_finds_a_repository_call() -> None:
    # The walker above must see both spellings, or the first test proves nothing.
    sample = "self.store.settings.set('k', 1)\nstore.users.get(3)\nself.store.now()\n"
    assert _store_uses(ast.parse(sample)) == [(1, "settings"), (2, "users")]
