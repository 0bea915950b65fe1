"""The guided checklist driven through its real widgets (offscreen)."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import FakeHandler, example
from PySide6.QtCore import Qt

from ixreview.domain.evaluation import Outcome, Truth

pytestmark = pytest.mark.gui


def test_invalid_icd10_code_is_explained_at_the_field_and_blocks_confirming(
    qtbot: Any, make_checklist: Any
) -> None:
    w = make_checklist()
    page = w.page("diagnosis")
    w.go_to(1)
    qtbot.keyClicks(page.ui.code_entry, "C50.9")
    assert "category" in page.ui.code_description.text()  # said while typing
    qtbot.keyClick(page.ui.code_entry, Qt.Key.Key_Return)
    assert page.codes() == ["C50.412", "C79.51", "C50.9"]
    assert page.message.isVisible()
    assert "C50.9" in page.message.text() and "not a billable code" in page.message.text()
    assert not page.ui.confirm_button.isEnabled()
    assert not page.confirm()
    assert "1 error" in page.ui.confirm_status.text()
    assert w.steps.item(1).text().startswith("✖")
    page.ui.codes.setCurrentRow(2)
    qtbot.mouseClick(page.ui.remove_code, Qt.MouseButton.LeftButton)
    assert not page.message.isVisible()
    qtbot.mouseClick(page.ui.confirm_button, Qt.MouseButton.LeftButton)
    assert w.model.is_confirmed("diagnosis")
    assert w.steps.item(1).text().startswith("✔")


def test_completion_offers_official_descriptions(qtbot: Any, make_checklist: Any) -> None:
    w = make_checklist()
    page = w.page("diagnosis")
    qtbot.keyClicks(page.ui.code_entry, "C50.41")
    offered = page._suggestions.stringList()
    assert any(s.startswith("C50.412") and "left female breast" in s for s in offered)


def test_counts_typed_in_another_unit_are_converted_and_drive_the_criteria(
    qtbot: Any, make_checklist: Any
) -> None:
    w = make_checklist()
    labs = w.page("labs")
    anc = labs.counts["labs.anc_per_mm3"]
    anc.unit.setCurrentIndex(anc.unit.findData("×10⁹/L"))
    assert w.model.value("labs.anc_per_mm3") == 2_400_000  # "2400" re-read in ×10⁹/L
    anc.edit.clear()
    qtbot.keyClicks(anc.edit, "1.2")
    assert w.model.value("labs.anc_per_mm3") == pytest.approx(1200)
    assert labs.ui.anc_converted.text() == "= 1,200 cells/mm³"
    assert w.model.origin("labs.anc_per_mm3").value == "override"
    # Neutrophils under 1,500 cells/mm³ is an exclusion: the panel shows it applies, live.
    assert w.model.evaluation.outcome == Outcome.DOES_NOT_MEET
    excluded = [c for c in w.model.evaluation.met_exclusions() if "1,200" in c.reason]
    assert excluded
    item = w.criteria.items()[excluded[0].id]
    assert item.text(1) == "Applies"  # the letters' word, red: it causes the denial
    anc.edit.clear()
    qtbot.keyClicks(anc.edit, "2.4")
    assert (
        w.model.origin("labs.anc_per_mm3").value == "imported"
    )  # 2.4 ×10⁹/L is the 2,400 imported


def test_liver_ratio_is_shown_live(qtbot: Any, make_checklist: Any) -> None:
    w = make_checklist()
    labs = w.page("labs")
    assert labs.ui.ast_ratio.text() == "= 0.78 × ULN"
    labs.ui.labs_ast_u_l.clear()
    qtbot.keyClicks(labs.ui.labs_ast_u_l, "120")
    assert labs.ui.ast_ratio.text() == "= 3.00 × ULN"


def test_override_is_marked_with_the_imported_value_and_warnings_do_not_block(
    qtbot: Any, make_checklist: Any
) -> None:
    w = make_checklist()
    labs = w.page("labs")
    binding = labs.bindings["labs.collected_on"]
    assert binding.badge.text() == "imported"
    labs.ui.labs_collected_on.clear()
    qtbot.keyClicks(labs.ui.labs_collected_on, "2026-09-01")
    assert binding.badge.text() == "override"
    assert "2026-11-12" in binding.badge.toolTip()
    assert "collected 79 days before" in binding.message.text()  # a warning, shown
    assert labs.ui.confirm_button.isEnabled()  # ... and not blocking
    assert labs.confirm()
    assert w.model.state.overrides() == ["labs.collected_on"]


def test_a_typo_in_a_number_is_shown_as_typed(qtbot: Any, make_checklist: Any) -> None:
    w = make_checklist()
    labs = w.page("labs")
    labs.ui.labs_alt_uln.clear()
    qtbot.keyClicks(labs.ui.labs_alt_uln, "4S")
    message = labs.bindings["labs.alt_uln"].message
    assert message.text() == '✖ must be a number (got "4S")'
    assert not labs.confirm()


def test_treatment_table_edits_drive_the_timeline_and_mark_overrides(
    qtbot: Any, make_checklist: Any
) -> None:
    w = make_checklist()
    page = w.page("treatment")
    rows = page.timeline.rows()
    # Doxorubicin: later metastatic treatment implies an undocumented progression, so
    # the timeline says what the engine says (not "not resistant").
    assert [(r.label, r.verdict) for r in rows] == [
        ("doxorubicin (adjuvant)", "not documented"),
        ("docetaxel (metastatic)", "resistant"),
    ]
    assert rows[1].window is not None and rows[1].window[2] == 4
    # Progression moved beyond the 4-month window: no longer resistant.
    page.set_cell(1, "progression_date", "2026-07-01")
    assert page.timeline.rows()[1].verdict == "not resistant"
    cell = page.ui.therapies.item(1, 6)
    assert "2026-04-20" in cell.toolTip()
    # An end before the start is a row error, named by regimen number.
    page.set_cell(0, "end", "2021-01-01")
    assert "regimen 1" in page.message.text() and "before start" in page.message.text()
    assert not page.confirm()


def test_criteria_panel_compares_with_the_draft(qtbot: Any, make_checklist: Any) -> None:
    w = make_checklist(policy="BCBST-IXEMPRA")
    panel = w.criteria
    assert panel.compare.isEnabled()
    assert panel.tree.isColumnHidden(2)
    panel.compare.setChecked(True)
    assert not panel.tree.isColumnHidden(2)
    draft = w.model.draft_evaluation
    assert draft is not None and draft.policy.status == "draft"
    current = {c.id: c.status for c in w.model.evaluation.clauses}
    drafted = {c.id: c.status for c in draft.clauses}
    expected = sorted(
        {cid for cid in current if drafted.get(cid) != current[cid]}
        | (drafted.keys() - current.keys())
    )
    assert sorted(panel.differing()) == expected
    panel.select("BC")
    wording = panel.wording.toPlainText()
    assert w.model.evaluation.clause("BC").text[:40] in " ".join(wording.split())
    assert "Draft:" in wording


def test_no_draft_no_comparison(qtbot: Any, make_checklist: Any) -> None:
    w = make_checklist(policy="ING-CC-0090")
    assert not w.criteria.compare.isEnabled()


def test_decision_needs_every_page_confirmed_and_the_handlers_permission(
    qtbot: Any, make_checklist: Any
) -> None:
    handler = FakeHandler({"approve", "pend"})
    w = make_checklist(handler=handler)
    decision = w.decision
    assert w.model.evaluation.outcome == Outcome.MEETS
    assert not decision.ui.approve.isEnabled()
    assert "1 Request, 2 Diagnosis" in decision.ui.pages_status.text()  # step names
    for page in w.pages[:-1]:
        assert page.confirm(), page.page
    assert decision.ui.approve.isEnabled() and decision.ui.pend.isEnabled()
    assert not decision.ui.deny.isEnabled() and not decision.ui.refer.isEnabled()
    qtbot.keyClicks(decision.ui.password, "wrong")
    assert not decision.act("approve")
    assert "password is wrong" in decision.ui.action_status.text()
    qtbot.keyClicks(decision.ui.password, "pw")
    with qtbot.waitSignal(decision.decided):
        qtbot.mouseClick(decision.ui.approve, Qt.MouseButton.LeftButton)
    assert handler.calls == [("approve", "", "pw")]
    assert decision.ui.password.text() == ""  # never kept after use


def test_step_shortcuts_move_between_pages(qtbot: Any, make_checklist: Any) -> None:
    w = make_checklist()
    w.next_step()
    w.next_step()
    assert w.stack.currentWidget() is w.page("treatment")
    w.previous_step()
    assert w.stack.currentIndex() == 1


def test_every_input_has_an_accessible_name(qtbot: Any, make_checklist: Any) -> None:
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit

    w = make_checklist()
    unnamed = [
        f"{type(c).__name__}:{c.objectName()}"
        for kind in (QLineEdit, QComboBox, QPlainTextEdit, QAbstractButton)
        for c in w.findChildren(kind)
        if not c.accessibleName()
        and not (isinstance(c, QAbstractButton) and c.text())
        and c.objectName() not in ("qt_spinbox_lineedit",)
        and c.parent() is not None
        and c.isVisibleTo(w)
    ]
    assert unnamed == []


def test_clause_status_reaches_the_tree_for_not_documented(qtbot: Any, make_checklist: Any) -> None:
    data = example()
    data["labs"]["anc_per_mm3"] = None
    w = make_checklist(data)
    unknown = [c for c in w.model.evaluation.clauses if c.status == Truth.UNKNOWN]
    assert unknown
    assert w.criteria.items()[unknown[0].id].text(1) == "Not documented"


def test_the_policy_combo_follows_a_policy_set_on_the_model(make_checklist: Any) -> None:
    widget = make_checklist(policy="ING-CC-0090")
    combo = widget.page("request").ui.policy
    assert combo.currentData() == "ING-CC-0090"
    widget.model.set_policy("BCBST-IXEMPRA")
    assert combo.currentData() == "BCBST-IXEMPRA"
    assert widget.model.state.policy == "BCBST-IXEMPRA"  # following did not set it back
