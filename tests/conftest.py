"""Shared test set-up: offscreen Qt, an isolated home for every test, case builders."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest

# Set before anything imports Qt: tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test touches the real user data directory or database."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("IXREVIEW_DB", raising=False)
    # The ICD-10-CM index is derived once per library version; share it across tests.
    shared_cache = os.environ.get("IXREVIEW_CACHE_DIR", str(Path.home() / ".cache" / "ixreview"))
    monkeypatch.setenv("IXREVIEW_CACHE_DIR", shared_cache)


def example_case_dict() -> dict[str, Any]:
    """The example from shared/case-format.md (a fresh deep copy each call)."""
    return copy.deepcopy(json.loads((DATA / "example-case.json").read_text(encoding="utf-8")))


def with_changes(base: dict[str, Any], **dotted: Any) -> dict[str, Any]:
    """Copy `base` and set dotted paths: with_changes(d, **{"labs.anc_per_mm3": 1499})."""
    out = copy.deepcopy(base)
    for path, value in dotted.items():
        node = out
        parts = path.split(".")
        for p in parts[:-1]:
            node = node[int(p)] if isinstance(node, list) else node.setdefault(p, {})
        last = parts[-1]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value
    return out


@pytest.fixture
def case_dict() -> dict[str, Any]:
    return example_case_dict()
