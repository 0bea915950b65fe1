"""The one import door (workflow.records): the desk and the CLI import through it, so a
file without the member's and prescriber's identity, or too big to be a case file, is
refused the same way wherever it is opened, and nothing is stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from workflow_helpers import case_data

from ixreview.domain.intake import CaseError
from ixreview.domain.limits import MAX_DOCUMENT_BYTES
from ixreview.workflow import records


def _requests(world) -> int:
    return int(world.store.conn.execute("SELECT count(*) FROM requests").fetchone()[0])


@pytest.mark.parametrize(
    ("field", "value"),
    [("member.id", None), ("member.last_name", None), ("prescriber.npi", None)],
)
def test_a_request_without_identity_is_not_imported(world, field: str, value: None) -> None:
    nina = world.sign_in("nina")
    before = _requests(world)
    with pytest.raises(CaseError) as info:
        records.import_case(world.store, nina, json.dumps(case_data(**{field: value})))
    assert field in str(info.value)
    assert _requests(world) == before


def test_a_file_is_read_only_up_to_the_size_limit(world, tmp_path: Path) -> None:
    nina = world.sign_in("nina")
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (MAX_DOCUMENT_BYTES + 10) + json.dumps(case_data()).encode())
    before = _requests(world)
    with pytest.raises(CaseError, match="512"):
        records.import_file(world.store, nina.user_id, big)
    assert _requests(world) == before
    missing = tmp_path / "nothing-here.json"
    with pytest.raises(CaseError, match="file: cannot be read"):
        records.import_file(world.store, nina.user_id, missing)
    good = tmp_path / "case.json"
    good.write_text(json.dumps(case_data()), encoding="utf-8")
    result = records.import_file(world.store, nina.user_id, good)
    assert result.reference == world.reference and _requests(world) == before + 1
