"""After a decision that leaves the review open (refer, pend), what the reviewer types
next is still what autosave saves; "Saved" never covers a copy nobody edits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import case_text
from test_whole_review import confirm_all, decide, sign_in, staffed_db  # noqa: F401

pytestmark = pytest.mark.gui


def test_an_edit_after_referring_is_saved_and_reopens(
    qtbot: Any,
    sign_in: Any,  # noqa: F811
    tmp_path: Path,
) -> None:
    case = tmp_path / "low-anc.json"
    case.write_text(case_text(**{"labs.anc_per_mm3": 1100}), encoding="utf-8")
    nurse = sign_in("nina")
    reference = nurse.import_path(case)
    tab = nurse.current_review()
    confirm_all(tab)
    decide(qtbot, tab, "refer", "nina", reason="ANC below 1,500; please review")
    assert tab.review.workflow_state == "referred"

    # The pages edit the model's state, and autosave saves that same state. The
    # workflow takes no answers from a nurse on a referred review: autosave says so
    # ("NOT saved" with the reason), never "Saved".
    assert tab.review.state is tab.model.state
    failures: list[str] = []
    saved: list[str] = []
    tab.saveFailed.connect(failures.append)
    tab.saved.connect(saved.append)
    tab.model.set_answer("labs.platelets_per_mm3", 170000)
    assert not tab.autosave()
    assert failures and "only a physician" in failures[-1] and not saved

    doctor = sign_in("paul")
    tab = doctor.open_review(reference)
    assert not tab.review.read_only
    decide_failures: list[str] = []
    tab.saveFailed.connect(decide_failures.append)
    tab.model.set_answer("labs.platelets_per_mm3", 180000)
    assert tab.autosave(), decide_failures
    reopened = doctor.desk.open_review(reference)
    assert reopened.state.value("labs.platelets_per_mm3") == 180000
