"""Shared test set-up: offscreen Qt, an isolated home for every test, case builders."""

from __future__ import annotations

import atexit
import copy
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest

# Set before anything imports Qt: tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA = Path(__file__).parent / "data"


# Hermetic: nothing an earlier run (or the developer's own use of ixreview) left in
# the real home or cache can change a result. Every test session gets its own cache
# (the ICD-10-CM index, when the installed one is absent, is derived there once per
# session), set here before any test module imports ixreview.
_SESSION_ROOT = Path(tempfile.mkdtemp(prefix="ixreview-tests-"))
os.environ["IXREVIEW_CACHE_DIR"] = str(_SESSION_ROOT / "cache")
os.environ["XDG_CACHE_HOME"] = str(_SESSION_ROOT / "xdg-cache")
# One ixreview config directory per session, like one machine: the audit keys and the
# pinned trust root of databases built once per session (templates) stay with them.
os.environ["IXREVIEW_CONFIG_DIR"] = str(_SESSION_ROOT / "config")
atexit.register(shutil.rmtree, _SESSION_ROOT, True)


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test touches the real home, user data directory or database."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.delenv("IXREVIEW_DB", raising=False)


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
