"""The live criteria panel judges a case under the plan's rules, as the decision will:
labs 41 days old are not a current baseline under the default 30 days, and are once an
administrator sets the plan's limit to 45 (workflow.plan_rules)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from helpers import MovableClock, case_text, signed_in_desk, staff_database

from ixreview.domain.evaluation import Outcome
from ixreview.workflow.plan_rules import set_lab_max_age

pytestmark = pytest.mark.gui


def _live_outcome(qtbot: Any, desk: Any, reference: str) -> tuple[Outcome, list[str]]:
    from ixreview.ui.review_tab import ReviewTab

    tab = ReviewTab(desk, desk.open_review(reference))
    qtbot.addWidget(tab)
    evaluation = tab.model.evaluation
    assert evaluation is not None
    return evaluation.outcome, evaluation.missing


def test_the_screen_follows_the_plans_lab_age_limit(qtbot: Any, tmp_path: Path) -> None:
    clock = MovableClock(datetime(2026, 11, 22, 15, 0, tzinfo=UTC))
    db = staff_database(tmp_path / "cases.sqlite3", clock)
    case = tmp_path / "old-labs.json"
    case.write_text(case_text(**{"labs.collected_on": "2026-10-09"}), encoding="utf-8")
    nurse = signed_in_desk(db, "nina", clock)
    reference, _ = nurse.import_file(case)
    assert _live_outcome(qtbot, nurse, reference) == (
        Outcome.NEEDS_INFORMATION,
        ["labs.collected_on"],
    )
    admin = signed_in_desk(db, "admin", clock)
    set_lab_max_age(admin.store, admin.session, 45)
    again = signed_in_desk(db, "nina", clock)
    assert _live_outcome(qtbot, again, reference) == (Outcome.MEETS, [])
