"""Fixtures of the long-term records tests: the workflow tests' store (an administrator,
a nurse and a physician, their certificates issued with roles) and CLI helpers."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "workflow"))

from workflow_helpers import template_db, world  # noqa: F401 - re-exported as fixtures


@pytest.fixture
def private_config(
    template_db: Path,  # noqa: F811 - the fixture, requested first
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Path:
    """A copy of this session's config directory (pinned root, CRL, audit keys) for a
    test that revokes or re-pins: other tests keep the session's own. After the
    template database, whose root and audit key the copy must hold."""
    config = tmp_path / "config"
    shutil.copytree(os.environ["IXREVIEW_CONFIG_DIR"], config)
    monkeypatch.setenv("IXREVIEW_CONFIG_DIR", str(config))
    return config
