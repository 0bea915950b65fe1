"""The GUI over the fixed policy, review flags, coded cancels, import notes, the
engine's resistance verdict on the timeline and the Cremophor safety answer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers import DATA, case_text, example
from test_whole_review import confirm_all, decide, sign_in, staffed_db  # noqa: F401

pytestmark = pytest.mark.gui


def _import(window: Any, tmp_path: Path, name: str = "case.json", **changes: Any) -> str:
    path = tmp_path / name
    path.write_text(case_text(**changes), encoding="utf-8")
    reference = window.import_path(path)
    assert reference is not None
    return str(reference)


def test_a_nurse_sees_the_policy_fixed_but_may_still_compare_with_the_draft(
    sign_in: Any,  # noqa: F811
) -> None:
    nurse = sign_in("nina")
    nurse.desk.store.settings.set("policy.default", "BCBST-IXEMPRA", actor=None)
    nurse.import_path(DATA / "example-case.json")
    tab = nurse.current_review()
    combo = tab.checklist.page("request").ui.policy
    assert tab.model.state.policy and tab.model.state.policy.startswith("BCBST-IXEMPRA@")
    assert combo.currentData() == "BCBST-IXEMPRA"
    assert not combo.isEnabled()
    assert "physician" in combo.toolTip().lower()
    assert tab.checklist.criteria.compare.isEnabled()  # what-if stays open to her
    tab.checklist.criteria.compare.setChecked(True)
    assert tab.model.draft_evaluation is not None
    # Her autosaves never touch the request's policy.
    request = nurse.desk.store.requests.by_reference(tab.reference)
    assert request.policy == tab.model.state.policy


def test_a_physician_reassigns_the_policy_with_a_reason(
    sign_in: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    from PySide6.QtWidgets import QInputDialog

    doctor = sign_in("paul")
    reference = _import(doctor, tmp_path)
    tab = doctor.current_review()
    page = tab.checklist.page("request")
    combo = page.ui.policy
    assert combo.isEnabled()
    assert tab.model.state.policy.startswith("ING-CC-0090@")

    # She changes her mind at the reason dialog: nothing changes.
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("", False))
    combo.setCurrentIndex(combo.findData("BCBST-IXEMPRA"))
    assert combo.currentData() == "ING-CC-0090"
    assert doctor.desk.store.requests.by_reference(reference).policy.startswith("ING-CC-0090@")

    reason = "The member's plan is BlueCross BlueShield of Tennessee."
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: (reason, True))
    combo.setCurrentIndex(combo.findData("BCBST-IXEMPRA"))
    stored = doctor.desk.store.requests.by_reference(reference).policy
    assert stored.startswith("BCBST-IXEMPRA@") and "draft" not in stored
    assert tab.model.state.policy == stored
    assert tab.model.evaluation is not None and tab.model.evaluation.policy.key == stored
    assert combo.currentData() == "BCBST-IXEMPRA"
    assert reason in tab.checklist.decision.ui.reason.toPlainText()
    assert "fixed on the request" in page.ui.policy_version.text()
    # The review keeps saving after the reassignment (the revision followed).
    tab.model.set_comment(tab.model.state.comment + "\nChecked.")
    assert tab.autosave()
    assert not page.reassign("ING-CC-0090", "  ")
    assert "needs a reason" in page.ui.policy_version.text()


def test_flags_stop_a_nurse_and_a_physician_approves_only_with_a_rationale(
    qtbot: Any, sign_in: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    nurse = sign_in("nina")
    reference = _import(nurse, tmp_path, cremophor_hypersensitivity=True)
    tab = nurse.current_review()
    confirm_all(tab)
    page = tab.checklist.decision
    ev = tab.model.evaluation
    assert ev is not None and ev.review_flags
    assert not page.ui.review_flags.isHidden()
    flags_text = page.ui.review_flags.text()
    assert "Physician review needed" in flags_text and "Cremophor" in flags_text
    assert "refer" in flags_text and not page.ui.approve.isEnabled()
    assert "Physician review needed" in tab.checklist.criteria.outcome.text()

    doctor = sign_in("paul")
    tab = doctor.open_review(reference)
    confirm_all(tab)
    page = tab.checklist.decision
    assert "write a rationale" in page.ui.review_flags.text()
    from ixreview.workflow import operations

    seen: list[dict[str, Any]] = []
    real = operations.approve

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(operations, "approve", spy)
    page.ui.reason.setPlainText("")
    decide(qtbot, tab, "approve", "paul")
    assert "rationale" in page.ui.action_status.text() and not seen
    decide(qtbot, tab, "approve", "paul", reason="Hypersensitivity was mild; premedicated.")
    assert "Approved" in page.ui.action_status.text(), page.ui.action_status.text()
    assert seen and "policy" not in seen[0]  # deciding always uses the request's policy


def test_a_nurse_cancels_for_a_coded_reason_only(sign_in: Any, tmp_path: Path) -> None:  # noqa: F811
    nurse = sign_in("nina")
    reference = _import(nurse, tmp_path)
    page = nurse.current_review().checklist.decision
    combo = page.ui.cancel_reason
    codes = [combo.itemData(i) for i in range(combo.count())]
    assert codes == ["withdrawn", "duplicate", "not_eligible"]
    assert page.ui.cancel.isEnabled()  # cancelling needs no confirmed pages
    combo.setCurrentIndex(codes.index("duplicate"))
    assert page.cancel()
    assert "Cancelled" in page.ui.action_status.text()
    store = nurse.desk.store
    current = store.determinations.current(store.requests.by_reference(reference).id)
    assert current is not None and str(current.decision) == "C"
    assert "duplicate request" in current.rationale


def test_a_physician_may_write_her_own_cancel_reason(sign_in: Any, tmp_path: Path) -> None:  # noqa: F811
    doctor = sign_in("paul")
    reference = _import(doctor, tmp_path)
    page = doctor.current_review().checklist.decision
    combo = page.ui.cancel_reason
    combo.setCurrentIndex(combo.findData(None))
    assert combo.currentData() is None and combo.count() == 4
    assert not page.cancel()
    assert "write the reason" in page.ui.action_status.text()
    page.ui.cancel_note.setText("The member moved to another plan mid-review.")
    assert page.cancel()
    store = doctor.desk.store
    current = store.determinations.current(store.requests.by_reference(reference).id)
    assert "another plan" in current.rationale


def test_a_draft_default_policy_is_refused_in_words(
    sign_in: Any, tmp_path: Path, no_blocking_message_boxes: list[tuple[str, str]]  # noqa: F811
) -> None:
    nurse = sign_in("nina")
    nurse.desk.store.settings.set("policy.default", "BCBST-IXEMPRA@draft", actor=None)
    path = tmp_path / "case.json"
    path.write_text(case_text(), encoding="utf-8")
    assert nurse.import_path(path) is None
    ((kind, text),) = no_blocking_message_boxes
    assert kind == "warning" and "was not imported" in text and "draft" in text
    assert "Traceback" not in text
    assert nurse.current_review() is None


def test_import_notes_show_in_a_banner_until_dismissed(
    sign_in: Any, tmp_path: Path, no_blocking_message_boxes: list[tuple[str, str]]  # noqa: F811
) -> None:
    nurse = sign_in("nina")
    _import(nurse, tmp_path, "first.json")
    # The same member and medication again: the import notes an overlapping request.
    data = example()
    data["reference"] = data["reference"] + "-B"
    path = tmp_path / "second.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert nurse.import_path(path) is not None
    tab = nurse.current_review()
    assert no_blocking_message_boxes == []  # nothing modal
    assert tab.import_notes, "the second request is noted"
    assert not tab.notes_bar.isHidden()
    assert tab.import_notes[0] in tab.notes_label.text()
    assert "note" in nurse.statusBar().currentMessage()
    tab.notes_dismiss.click()
    assert tab.notes_bar.isHidden()


def test_the_timeline_gives_the_engines_verdict(make_checklist: Any) -> None:
    w = make_checklist(policy="BCBST-IXEMPRA")
    verdicts = {r.label: r.verdict for r in w.page("treatment").timeline.rows()}
    assert verdicts["doxorubicin (adjuvant)"] == "not documented"


def test_the_cremophor_answer_is_bound_and_moves_the_criteria(make_checklist: Any) -> None:
    from ixreview.ui.review_state import Origin

    w = make_checklist()
    page = w.page("labs")
    combo = page.ui.cremophor_hypersensitivity
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Not documented", "Yes", "No",
    ]
    path = "cremophor_hypersensitivity"
    imported = w.model.value(path)
    assert "Physician review needed" not in w.criteria.outcome.text()
    combo.setCurrentIndex(combo.findData(True))
    assert w.model.value(path) is True
    assert w.model.origin(path) == (Origin.ENTERED if imported is None else Origin.OVERRIDE)
    assert "Cremophor" in w.criteria.outcome.text()
    changed: list[int] = []
    w.model.changed.connect(lambda: changed.append(1))
    combo.setCurrentIndex(combo.findData(False))
    assert changed and w.model.value(path) is False
    assert "Cremophor" not in w.criteria.outcome.text()
