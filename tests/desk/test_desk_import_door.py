"""File > Import and drag and drop go through the workflow's one import door: a file
without the member's identity, or far past the size limit, is refused in words naming
the field, and nothing is stored."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from helpers import MovableClock, case_text, signed_in_desk, staff_database

from ixreview.domain.limits import MAX_DOCUMENT_BYTES

pytestmark = pytest.mark.gui


def test_the_desk_refuses_what_the_cli_refuses(tmp_path: Path) -> None:
    from ixreview.ui.desk import DeskError

    clock = MovableClock(datetime(2026, 11, 22, 15, 0, tzinfo=UTC))
    nurse = signed_in_desk(staff_database(tmp_path / "cases.sqlite3", clock), "nina", clock)
    anonymous = tmp_path / "anonymous.json"
    anonymous.write_text(case_text(**{"member.id": None}), encoding="utf-8")
    with pytest.raises(DeskError, match=r"anonymous.json was not imported:\nmember\.id"):
        nurse.import_file(anonymous)
    huge = tmp_path / "huge.json"
    huge.write_bytes(b" " * (MAX_DOCUMENT_BYTES + 1) + case_text().encode())
    with pytest.raises(DeskError, match=r"huge\.json was not imported"):
        nurse.import_file(huge)
    assert nurse.queue() == []
    fine = tmp_path / "fine.json"
    fine.write_text(case_text(), encoding="utf-8")
    reference, _ = nurse.import_file(fine)
    assert [e.reference for e in nurse.queue()] == [reference]
